# Every article step, as the person reads it: the labels of flow.md in her language, money
# and dates written the way her language writes them, refusals in her words.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# @screen: only a screen shows it (generated for the tui and web drivers); the scenarios
# about refusals run on every driver, the API's messages included.
Feature: What the person reads, in her language
  A billing contact reads the Billing Center in her own language at every step: the
  article's labels exactly, amounts and dates as her language writes them, and every
  refusal in her words, never in another language.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2029-02-10

  @screen @step-2 @step-4 @step-5 @step-6 @step-7 @step-8 @R2 @R4 @R5 @R6 @R7 @R8.2
  Scenario: Each step of buying reads in her language
    Given Claire is signed in
    Then she reads "Add a new subscription"
    When she opens "Add a new subscription"
    Then she reads "Buy" and "Try"
    When she chooses to buy "GoToWebinar"
    Then she reads "Subscription level"
    When she picks the "Pro" level
    Then she reads "User licenses" and "Next"
    When she sets 3 user licenses
    Then she reads "Monthly", "Annual" and "Place Order"

  @screen @step-8 @R8.3
  Scenario: Add to Cart and the cart's Place Order read in her language
    Given her cart holds "LogMeIn Rescue", monthly, with 3 user licenses
    And Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to buy "GoToWebinar"
    And she picks the "Pro" level
    And she sets 3 user licenses
    And she picks "Annual"
    Then she reads "Add to Cart"
    When she confirms with "Add to Cart"
    Then she reads "Place Order"

  @screen @step-8 @R9.1 @R9.2
  Scenario: Start Trial and the trial's end date read in her language
    Given Claire is signed in
    When she opens "Add a new subscription"
    And she chooses to try "GoToWebinar"
    And she picks the "Pro" level
    And she sets 5 user licenses
    Then she reads "Start Trial"
    When she confirms with "Start Trial"
    Then she reads 2029-02-17 as her language writes dates

  @screen @step-9 @step-10 @R10.1 @R10.3 @R10.4 @R10.5 @R11.1 @R11.2
  Scenario: The Place Order page reads in her language, its money and dates too
    Given her billing day is the 30th
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses, since 2029-01-30
    And Claire is signed in
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    Then she reads "Billing period", "Subscription rate", "Total due" and "Edit Order"
    And she reads "Payment details", "VAT number" and "Place Order"
    And she reads 5,970.00 EUR, 19.86 EUR, 32.00 EUR, 1,196.43 EUR and 7,178.57 EUR as her language writes money
    And she reads 2029-02-10, 2030-02-09, 2029-02-27 and 2029-03-09 as her language writes dates

  @screen @step-10 @step-11 @R12.2
  Scenario: The order confirmation reads in her language, the next billing date too
    Given her billing day is the 30th
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses, since 2029-01-30
    And Claire is signed in
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    And she places the order with the card "4242 4242 4242 4242"
    Then she reads "Manage user products"
    And she reads 2029-03-10 as her language writes dates

  @step-6 @R6
  Scenario: Too many user licenses are refused in her language
    Given Claire is signed in
    When she tries to buy "GoToWebinar Lite", monthly, with 30 user licenses
    Then she is refused at the "User licenses" field with a message naming 1 and 25
    And the refusal is worded in her language

  @step-10 @R11.4 @R11.5
  Scenario: A declined card is explained in her language
    Given her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with the card "4000 0000 0000 0002"
    Then she is refused because the card was declined
    And the refusal is worded in her language

  @step-10 @R11.2
  Scenario: An invalid VAT number is refused in her language
    Given her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with the VAT number "FR12345678901" and the card "4242 4242 4242 4242"
    Then she is refused at the "VAT number" field
    And the refusal is worded in her language

  @step-1 @R1
  Scenario: A wrong password is refused in her language
    When Claire tries to sign in with her email and a wrong password
    Then the refusal is worded in her language

  @step-0 @R0.1
  Scenario: A colleague who is not a billing contact is refused in his language
    Given Bob is a colleague on the account, not a billing contact
    And Bob is signed in
    When he tries to open "Add a new subscription"
    Then he is refused because only a billing contact may add subscriptions
    And the refusal is worded in his language
