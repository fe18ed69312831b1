# Article steps 9 and 10: "the subscription billing date now matches the date of the
# change". The worked example of flow.md, to the cent.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# In a table of lines, an empty cell is not checked (the rate of a credit line is not
# fixed by flow.md).
Feature: The billing date moves to the day of the order
  The account has one billing date. Placing an order moves it to today: each
  subscription already held is credited for its unused days and charged again for a new
  period from today, at its own term and current price.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2026-11-26
    And her billing day is the 15th
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses, since 2026-11-15

  @step-9 @R10.3 @R10.4 @R11.3 @smoke
  Scenario: The worked example: buying GoToWebinar Pro re-aligns GoToMeeting Business
    Given Claire is signed in
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    Then the Place Order page shows these lines:
      | kind    | product              | licenses | term    | from       | to         | rate    | amount  |
      | new     | GoToWebinar Pro      | 3        | annual  | 2026-11-26 | 2027-11-25 | 1990.00 | 5970.00 |
      | credit  | GoToMeeting Business | 2        | monthly | 2026-11-26 | 2026-12-14 |         | -20.27  |
      | renewal | GoToMeeting Business | 2        | monthly | 2026-11-26 | 2026-12-25 | 16.00   | 32.00   |
    And the subtotal is 5981.73
    And VAT is 20% or 1196.35
    And the total due is 7178.08 EUR

  @step-10 @R10.3 @R12.1 @R0.3
  Scenario: Placing the order moves every subscription to the new billing date
    Given Claire is signed in
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    And she places the order with the card "4242 4242 4242 4242"
    Then her billing day is now the 26th
    And her subscriptions are:
      | product              | licenses | term    | status | from       | to         | next billing |
      | GoToWebinar Pro      | 3        | annual  | active | 2026-11-26 | 2027-11-25 | 2027-11-26   |
      | GoToMeeting Business | 2        | monthly | active | 2026-11-26 | 2026-12-25 | 2026-12-26   |
    And her card was charged 7178.08 EUR once
    And her cart is empty
