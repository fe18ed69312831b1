# Article step 8 and its note: Place Order, or Add to Cart when the cart has items.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: The cart
  With an empty cart the buy button reads Place Order and opens the Place Order page.
  With items in the cart it reads Add to Cart, and the cart then offers Place Order.
  The cart belongs to the account and outlives sessions; a product is in it once.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2029-06-30

  @step-7 @R7 @smoke
  Scenario: Buying asks Monthly or Annual
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she picks the "Pro" level
    And she sets 3 user licenses
    Then she is asked "Monthly" or "Annual"

  @step-8 @R8.2 @smoke
  Scenario: With an empty cart, Place Order opens the Place Order page
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she picks the "Pro" level
    And she sets 3 user licenses
    And she picks "Annual"
    Then the button reads "Place Order"
    When she confirms with "Place Order"
    Then the Place Order page opens
    And the Place Order page shows "GoToWebinar Pro" with 3 user licenses

  @step-8 @R8.3
  Scenario: With items in the cart, Add to Cart shows the cart, which offers Place Order
    Given her cart holds "LogMeIn Rescue", monthly, with 3 user licenses
    And Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she picks the "Pro" level
    And she sets 3 user licenses
    And she picks "Annual"
    Then the button reads "Add to Cart"
    When she confirms with "Add to Cart"
    Then she sees her cart with "LogMeIn Rescue" and "GoToWebinar Pro"
    And the cart offers "Place Order"
    When she opens the Place Order page
    Then the Place Order page has a new line for "LogMeIn Rescue" and one for "GoToWebinar Pro"

  @step-8 @R8.4
  Scenario: Choosing a product already in the cart edits that item
    Given her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in
    When she buys "GoToWebinar Pro", annual, with 4 user licenses
    Then her cart holds only "GoToWebinar Pro" with 4 user licenses, annual

  @step-8 @R8.1
  Scenario: The cart outlives the session
    Given Claire is signed in
    When she buys "GoToWebinar Lite", monthly, with 2 user licenses
    And she signs out
    And Claire signs in with her email and password
    Then her cart holds only "GoToWebinar Lite" with 2 user licenses, monthly
    And the button for the next product reads "Add to Cart"

  @step-9 @R8.5
  Scenario: Prices come from the catalog when the Place Order page is shown
    Given her cart holds "GoToTraining Pro", monthly, with 2 user licenses
    And Claire is signed in
    When she opens the Place Order page
    Then the rate of "GoToTraining Pro" is the catalog's monthly price, 199.00
    When she changes "GoToTraining" to annual in Edit Order
    Then the rate of "GoToTraining Pro" is the catalog's annual price, 1990.00
