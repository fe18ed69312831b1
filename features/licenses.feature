# Article step 6: "In the modal, select the number of user licenses, then click Next."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Choosing the number of user licenses
  The number of user licenses is a whole number from 1 to the level's maximum, 1 by
  default. Anything else is refused at the field with a message naming the range.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2027-08-31

  @step-6 @R6 @smoke
  Scenario: User licenses start at 1
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she picks the "Lite" level
    Then the user licenses read 1

  @step-6 @R6
  Scenario Outline: Any whole number from 1 to the level's maximum is accepted
    Given Claire is signed in
    When she buys "<offer>", monthly, with <licenses> user licenses
    Then the Place Order page shows "<offer>" with <licenses> user licenses

    Examples:
      | offer                  | licenses |
      | GoToWebinar Lite       | 1        |
      | GoToWebinar Lite       | 25       |
      | GoToWebinar Enterprise | 250      |
      | LogMeIn Pro            | 10       |

  @step-6 @R6
  Scenario Outline: Any other number of user licenses is refused at the field, naming the range
    Given Claire is signed in
    When she tries to buy "<offer>", monthly, with <licenses> user licenses
    Then she is refused at the "User licenses" field with a message naming 1 and <maximum>
    And her account is as it was before
    And her cart is empty

    Examples:
      | offer            | licenses | maximum |
      | GoToWebinar Lite | 0        | 25      |
      | GoToWebinar Lite | 26       | 25      |
      | GoToWebinar Lite | -1       | 25      |
      | GoToWebinar Lite | 1.5      | 25      |
      | GoToWebinar Lite | ten      | 25      |
      | LogMeIn Pro      | 11       | 10      |

  @step-6 @R6
  Scenario: A trial's user licenses are bounded the same way
    Given Claire is signed in
    When she tries to start a trial of "LogMeIn Pro" with 11 user licenses
    Then she is refused at the "User licenses" field with a message naming 1 and 10
    And her account is as it was before
    And no trial has started

  # A product in trial keeps its assignments when bought (docs/decisions.md, R13): no more
  # licenses may be assigned than bought, so the purchase is refused at its licenses
  # wherever they are chosen or checked again.
  @step-6 @R6 @R13
  Scenario: Buying a product in trial with fewer licenses than are assigned is refused at the field
    Given Bob and Alice are colleagues on the account, not billing contacts
    And the account is trialing "GoToWebinar Pro" with 5 user licenses
    And Claire is signed in
    When she assigns a "GoToWebinar" license to Bob
    And she assigns a "GoToWebinar" license to Alice
    And she tries to buy "GoToWebinar Pro", monthly, with 1 user license
    Then she is refused at the "User licenses" field
    And her account is as it was before
    And her cart is empty

  @step-9 @R10.5 @R13
  Scenario: Edit Order cannot bring a product in trial below the licenses assigned
    Given Bob and Alice are colleagues on the account, not billing contacts
    And the account is trialing "GoToWebinar Pro" with 5 user licenses
    And her cart holds "GoToWebinar Pro", monthly, with 3 user licenses
    And Claire is signed in
    When she assigns a "GoToWebinar" license to Bob
    And she assigns a "GoToWebinar" license to Alice
    And she opens the Place Order page
    And she tries to change "GoToWebinar" to 1 user license in Edit Order
    Then she is refused at the "User licenses" field
    And her account is as it was before
    And her cart holds only "GoToWebinar Pro" with 3 user licenses, monthly

  @step-9 @R10.1 @R13
  Scenario: Licenses assigned after the product was put in the cart are checked again on the Place Order page
    Given Bob and Alice are colleagues on the account, not billing contacts
    And the account is trialing "GoToWebinar Pro" with 5 user licenses
    And her cart holds "GoToWebinar Pro", monthly, with 2 user licenses
    And Claire is signed in
    When she assigns a "GoToWebinar" license to Claire
    And she assigns a "GoToWebinar" license to Bob
    And she assigns a "GoToWebinar" license to Alice
    And she tries to open the Place Order page
    Then she is refused because 3 licenses of "GoToWebinar" are assigned to users
    And her account is as it was before
    And her cart holds only "GoToWebinar Pro" with 2 user licenses, monthly
