# Article preamble (step 0): who adds subscriptions and trials in the Billing Center.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Who may add a subscription or a free trial
  Billing contacts of standard accounts add subscriptions and trials at any time.
  Other users of the account may not. Billing contacts of enterprise accounts are sent
  to the Corporate Billing Portal.

  Background:
    Given today is 2030-04-15

  @step-0 @R0.1 @smoke
  Scenario: A billing contact of a standard account is offered to add a subscription
    Given Claire is the billing contact of a standard account in France
    And Claire is signed in
    Then she is offered "Add a new subscription"
    When she opens "Add a new subscription"
    Then "GoToWebinar" is offered with Buy and Try

  @step-0 @R0.1
  Scenario: A user who is not a billing contact is offered nothing and refused when trying anyway
    Given Claire is the billing contact of a standard account in France
    And Bob is a colleague on the account, not a billing contact
    And Bob is signed in
    Then he is not offered "Add a new subscription"
    When he tries to open "Add a new subscription"
    Then he is refused because only a billing contact may add subscriptions
    When he tries directly to start a trial of "GoToWebinar Lite" with 1 user license
    Then he is refused because only a billing contact may add subscriptions
    When he tries directly to buy "GoToWebinar Lite", monthly, with 1 user license
    Then he is refused because only a billing contact may add subscriptions
    And nothing was added to the account

  @step-0 @R0.2
  Scenario: A billing contact of an enterprise account is sent to the Corporate Billing Portal
    Given Claire is the billing contact of an enterprise account in France
    And Claire is signed in
    Then she is not offered "Add a new subscription"
    When she tries to open "Add a new subscription"
    Then she is told to use the "Corporate Billing Portal" the deployment links to
    When she tries directly to start a trial of "GoToWebinar Lite" with 1 user license
    Then she is told to use the "Corporate Billing Portal" the deployment links to
    When she tries directly to buy "GoToWebinar Lite", monthly, with 1 user license
    Then she is told to use the "Corporate Billing Portal" the deployment links to
    And nothing was added to the account

  # Every action of the Billing Center, tried by a colleague who is not a billing contact:
  # the cart, Edit Order, the Place Order page, placing the order, assigning, unassigning.
  # Adding a subscription and starting a trial are the scenario above.
  @step-0 @R0.1
  Scenario Outline: A user who is not a billing contact is refused every other action, and nothing changes
    Given Claire is the billing contact of a standard account in France
    And Bob is a colleague on the account, not a billing contact
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses
    And the account holds "LogMeIn Pro", monthly, with 1 user license
    And her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in
    When she assigns a "GoToMeeting" license to Bob
    And Bob signs in with his email and password
    And he <attempt>
    Then he is refused because only a billing contact may add subscriptions
    And his account is as it was before

    Examples:
      | attempt                                                                    |
      | tries directly to buy "GoToTraining Starter", monthly, with 1 user license |
      | tries to change "GoToWebinar" to 3 user licenses in Edit Order             |
      | tries to remove "GoToWebinar" in Edit Order                                |
      | tries to open the Place Order page                                         |
      | tries to place the order with the card "4242 4242 4242 4242"               |
      | tries to assign a "LogMeIn Pro" license to Bob                             |
      | tries to unassign Bob's "GoToMeeting" license                              |
