# Article step 9: "Edit Order makes changes."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# In a table of lines, an empty cell is not checked.
Feature: Editing the order
  Edit Order changes an item's level, licenses or term, or removes it, and comes back
  to the Place Order page with everything recomputed. An empty cart has no Place Order page.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2030-01-31
    And her cart holds "GoToWebinar Lite", monthly, with 2 user licenses

  @step-9 @R10.5 @R10.1
  Scenario: Edit Order changes the licenses, the term and the level, and the page is recomputed
    Given Claire is signed in
    When she opens the Place Order page
    Then the Place Order page shows these lines:
      | kind | product          | licenses | term    | from       | to         | rate  | amount |
      | new  | GoToWebinar Lite | 2        | monthly | 2030-01-31 | 2030-02-27 | 49.00 | 98.00  |
    When she changes "GoToWebinar" to 5 user licenses in Edit Order
    Then the Place Order page shows these lines:
      | kind | product          | licenses | term    | from       | to         | rate  | amount |
      | new  | GoToWebinar Lite | 5        | monthly | 2030-01-31 | 2030-02-27 | 49.00 | 245.00 |
    And the total due is 294.00 EUR
    When she changes "GoToWebinar" to annual in Edit Order
    Then the Place Order page shows these lines:
      | kind | product          | licenses | term   | from       | to         | rate   | amount  |
      | new  | GoToWebinar Lite | 5        | annual | 2030-01-31 | 2031-01-30 | 490.00 | 2450.00 |
    And the total due is 2940.00 EUR
    When she changes "GoToWebinar" to the "Standard" level in Edit Order
    Then the Place Order page shows these lines:
      | kind | product              | licenses | term   | from       | to         | rate   | amount  |
      | new  | GoToWebinar Standard | 5        | annual | 2030-01-31 | 2031-01-30 | 990.00 | 4950.00 |
    And the total due is 5940.00 EUR

  @step-9 @R10.5 @R6
  Scenario: Edit Order keeps the licenses within the level's range
    Given Claire is signed in
    When she opens the Place Order page
    And she tries to change "GoToWebinar" to 26 user licenses in Edit Order
    Then she is refused at the "User licenses" field with a message naming 1 and 25
    And her account is as it was before
    And her cart holds only "GoToWebinar Lite" with 2 user licenses, monthly

  @step-9 @R10.5 @R6
  Scenario: Edit Order refuses a level whose maximum is below the licenses chosen
    Given Claire is signed in
    When she opens the Place Order page
    And she changes "GoToWebinar" to the "Standard" level in Edit Order
    And she changes "GoToWebinar" to 40 user licenses in Edit Order
    And she tries to change "GoToWebinar" to the "Lite" level in Edit Order
    Then she is refused at the "User licenses" field with a message naming 1 and 25
    And her account is as it was before
    And her cart holds only "GoToWebinar Standard" with 40 user licenses, monthly

  @step-9 @R10.5
  Scenario: Edit Order removes items; an empty cart has no Place Order page
    Given her cart holds "LogMeIn Pro", monthly, with 1 user license
    And Claire is signed in
    When she opens the Place Order page
    And she removes "GoToWebinar" in Edit Order
    Then the Place Order page shows these lines:
      | kind | product     | licenses | term    | from       | to         | rate  | amount |
      | new  | LogMeIn Pro | 1        | monthly | 2030-01-31 | 2030-02-27 | 30.00 | 30.00  |
    And the total due is 36.00 EUR
    When she removes "LogMeIn Pro" in Edit Order
    Then her cart is empty
    And she cannot open the Place Order page because her cart is empty
