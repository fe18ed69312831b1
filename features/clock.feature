# Time (R14): "today" comes from each account's own test clock.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Each account lives on its own clock
  In test mode each account has its own date, so that scenarios sharing one deployment
  never disturb each other; the billing period always starts on the account's today.

  @step-9 @R14 @R10.2
  Scenario: The billing period follows the account's clock, not another account's
    Given Claire is the billing contact of a standard account in France
    And today is 2028-02-29
    And another account lives on 2027-05-01
    And Claire is signed in
    When she buys "LogMeIn Pro", monthly, with 1 user license
    Then the billing period runs from 2028-02-29 to 2028-03-28
    When the account's clock moves to 2028-12-31
    And she opens the Place Order page
    Then the billing period runs from 2028-12-31 to 2029-01-30
    And the other account still lives on 2027-05-01
