# Article steps 2 to 5: Add a new subscription, select the product, Buy or Try, the level.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Choosing what to add
  Add a new subscription lists the products the account does not hold yet. Try is
  offered once per product, and only for products that have a trial. The level is asked
  only when a product has several.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2031-01-01

  @step-2 @R2 @smoke
  Scenario: Everything is offered to an account that holds nothing yet
    Given Claire is signed in
    When she opens "Add a new subscription"
    Then she is offered these products:
      | product        | Buy | Try |
      | GoToWebinar    | yes | yes |
      | GoToMeeting    | yes | yes |
      | GoToTraining   | yes | yes |
      | GoTo Connect   | yes | no  |
      | LogMeIn Pro    | yes | yes |
      | LogMeIn Rescue | yes | yes |

  @step-2 @R2 @R4
  Scenario: Products held are not offered; a product on trial is offered with Buy only
    Given the account holds "GoToMeeting Business", monthly, with 2 user licenses
    And the account is trialing "GoToWebinar Pro" with 5 user licenses
    And Claire is signed in
    When she opens "Add a new subscription"
    Then she is offered these products:
      | product        | Buy | Try |
      | GoToWebinar    | yes | no  |
      | GoToTraining   | yes | yes |
      | GoTo Connect   | yes | no  |
      | LogMeIn Pro    | yes | yes |
      | LogMeIn Rescue | yes | yes |
    And "GoToMeeting" is not offered

  @step-4 @R4 @smoke
  Scenario: Try is not offered again for a product the account has already tried
    Given the account has already tried "GoToTraining"
    And Claire is signed in
    When she opens "Add a new subscription"
    Then "GoToTraining" is offered with Buy only
    And "GoToWebinar" is offered with Buy and Try

  @step-3 @R3 @smoke
  Scenario: One product is selected at a time
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she changes her mind and chooses to buy "GoToTraining"
    Then she is choosing "GoToTraining"
    When she picks the "Starter" level
    And she sets 2 user licenses
    And she picks "Monthly"
    And she confirms with "Place Order"
    Then her cart holds only "GoToTraining Starter" with 2 user licenses, monthly

  @step-5 @R5 @smoke
  Scenario: The level is asked when the product has several levels
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    Then she is asked for the subscription level among "Lite, Standard, Pro, Enterprise"

  @step-5 @R5
  Scenario Outline: A one-level product skips the level and gets its only level
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "<product>"
    Then she is not asked for a subscription level
    When she sets 2 user licenses
    And she picks "Monthly"
    And she confirms with "Place Order"
    Then her cart holds only "<product>" with 2 user licenses, monthly
    And the item of "<product>" in her cart is at the "<level>" level

    Examples:
      | product        | level    |
      | LogMeIn Pro    | Pro      |
      | LogMeIn Rescue | Standard |
