# Article steps 4, 7 and 8: Try, no term, Start Trial, the confirmation and welcome email.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Free trials
  Start Trial starts a trial at once: no payment, no VAT, the cart and the billing date
  untouched. A confirmation screen and a welcome email name the product and the trial
  end. A product is tried once; when its trial ends, it can only be bought.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2028-02-22
    And her billing day is the 15th

  @step-7 @R7
  Scenario: A trial asks no term and its button reads Start Trial
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to try "GoToWebinar"
    And she picks the "Pro" level
    And she sets 5 user licenses
    Then she is not asked "Monthly" or "Annual"
    And the button reads "Start Trial"
    When she confirms with "Start Trial"
    Then she sees the trial confirmation for "GoToWebinar Pro" with 5 user licenses, ending 2028-02-29
    And "GoToWebinar Pro" is trialing on her account from 2028-02-22 to 2028-02-29, with no term

  @step-8 @R9.1 @R9.2 @R0.3 @smoke
  Scenario: Starting a trial confirms it at once, charges nothing and leaves the cart and billing date alone
    Given the account holds "GoToMeeting Business", monthly, with 2 user licenses, since 2028-02-15
    And her cart holds "LogMeIn Rescue", monthly, with 3 user licenses
    And Claire is signed in
    When she starts a trial of "GoToWebinar Pro" with 5 user licenses
    Then she sees the trial confirmation for "GoToWebinar Pro" with 5 user licenses, ending 2028-02-29
    And "GoToWebinar Pro" is trialing on her account from 2028-02-22 to 2028-02-29, with no term
    And her cart holds only "LogMeIn Rescue" with 3 user licenses, monthly
    And her billing day is still the 15th
    And "GoToMeeting Business" is active on her account from 2028-02-15 to 2028-03-14
    And nothing was charged

  @step-8 @R9.3
  Scenario Outline: The welcome email names the product and the trial end, in her language
    Given Claire is signed in
    When she starts a trial of "<offer>" with 3 user licenses
    Then a welcome email reaches her naming "<product>" and the trial end <trial end>, in her language

    Examples:
      | offer                    | product     | trial end  |
      | GoToMeeting Professional | GoToMeeting | 2028-03-07 |
      | GoToWebinar Lite         | GoToWebinar | 2028-02-29 |

  @step-4 @R4 @R9.4
  Scenario: A product is tried once: afterwards it is offered with Buy only
    Given Claire is signed in
    When she starts a trial of "GoToWebinar Pro" with 5 user licenses
    And she opens "Add a new subscription"
    Then "GoToWebinar" is offered with Buy only
    When she tries directly to start a trial of "GoToWebinar Lite" with 1 user license
    Then she is refused because a trial of this product is not allowed
    And her account is as it was before
    And only one welcome email was sent

  @step-4 @R9.4
  Scenario: A trial of a product already tried is refused, even by direct request
    Given the account has already tried "GoToTraining"
    And Claire is signed in
    When she tries directly to start a trial of "GoToTraining Starter" with 1 user license
    Then she is refused because a trial of this product is not allowed
    And her account is as it was before
    And no trial has started
    And no email was sent

  @step-4 @R9.4
  Scenario: A trial of a product the account holds is refused, even by direct request
    Given the account holds "GoToMeeting Business", monthly, with 2 user licenses
    And Claire is signed in
    When she tries directly to start a trial of "GoToMeeting Professional" with 1 user license
    Then she is refused because the product is already on the account
    And her account is as it was before
    And no trial has started

  @step-8 @R9.5 @R0.3
  Scenario: Buying a product during its trial ends the trial and starts the subscription today
    Given the account is trialing "GoToWebinar Pro" with 5 user licenses
    And Claire is signed in
    When she buys "GoToWebinar Pro", monthly, with 5 user licenses
    And she places the order with the card "4242 4242 4242 4242"
    Then "GoToWebinar Pro" is active on her account from 2028-02-22 to 2028-03-21
    And "GoToWebinar" is no longer trialing

  @step-8 @R9.6 @R14
  Scenario Outline: A trial runs until its end date and expires when the clock passes it
    Given Claire is signed in
    When she starts a trial of "LogMeIn Pro" with 2 user licenses
    And the account's clock moves to <date>
    Then "LogMeIn Pro" is <status> on her account

    Examples:
      | date       | status   |
      | 2028-03-07 | trialing |
      | 2028-03-08 | expired  |

  @step-8 @R9.6
  Scenario: An expired trial charges nothing and the product is offered again with Buy only
    Given Claire is signed in
    When she starts a trial of "LogMeIn Pro" with 2 user licenses
    And the account's clock moves to 2028-03-08
    Then "LogMeIn Pro" is expired on her account
    And nothing was charged
    When she opens "Add a new subscription"
    Then "LogMeIn Pro" is offered with Buy only

  @step-8 @R9.1
  Scenario Outline: A trial starts with or without the same product in the cart, and leaves the cart alone
    Given her cart holds "<in the cart>", monthly, with 2 user licenses
    And Claire is signed in
    When she starts a trial of "GoToWebinar Pro" with 5 user licenses
    Then "GoToWebinar Pro" is trialing on her account from 2028-02-22 to 2028-02-29, with no term
    And her cart holds only "<in the cart>" with 2 user licenses, monthly
    And nothing was charged

    Examples:
      | in the cart      |
      | GoToWebinar Lite |
      | LogMeIn Rescue   |

  @step-8 @R9.6 @R10.1 @R14
  Scenario: An expired trial's product is bought as a new subscription from the day it is bought
    Given Claire is signed in
    When she starts a trial of "LogMeIn Pro" with 2 user licenses
    And the account's clock moves to 2028-03-08
    And she buys "LogMeIn Pro", monthly, with 2 user licenses
    Then the Place Order page shows these lines:
      | kind | product     | licenses | term    | from       | to         | rate  | amount |
      | new  | LogMeIn Pro | 2        | monthly | 2028-03-08 | 2028-04-07 | 30.00 | 60.00  |
    When she places the order with the card "4242 4242 4242 4242"
    Then "LogMeIn Pro" is active on her account from 2028-03-08 to 2028-04-07

  @step-11 @R9.6 @R13 @R9.4
  Scenario: An expired trial has no licenses to assign, and the product cannot be tried again
    Given Claire is signed in
    When she starts a trial of "LogMeIn Pro" with 2 user licenses
    And she assigns a "LogMeIn Pro" license to Claire
    Then "LogMeIn Pro" shows 1 of 2 licenses assigned
    When the account's clock moves to 2028-03-08
    Then "LogMeIn Pro" has no licenses to assign in "Manage user products"
    When she tries directly to start a trial of "LogMeIn Pro" with 2 user licenses
    Then she is refused because a trial of this product is not allowed
    And her account is as it was before

  # A screen offers no expired product in Manage user products: only a client of the API
  # can still send the request to assign one of its licenses.
  @api-only @step-11 @R9.6 @R13
  Scenario: A direct request to assign an expired trial's license is refused
    Given Bob is a colleague on the account, not a billing contact
    And Claire is signed in
    When she starts a trial of "LogMeIn Pro" with 2 user licenses
    And the account's clock moves to 2028-03-08
    And she tries to assign a "LogMeIn Pro" license to Bob
    Then she is refused
    And her account is as it was before
