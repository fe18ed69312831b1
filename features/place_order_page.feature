# Article step 9: "On the Place Order page, check the billing period (it starts today),
# the number of user licenses, the subscription rate and the total due."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# In a table of lines, an empty cell is not checked.
Feature: The Place Order page
  One line per item: licenses, term, billing period from today, rate per license and
  amount. Then the subtotal, the VAT and the total due, exact to the cent.

  Background:
    Given Claire is the billing contact of a standard account in France

  @step-9 @R10.1 @R10.4
  Scenario: The page shows each item's period from today, its rate, and the total due
    Given today is 2029-12-31
    And her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in
    When she buys "LogMeIn Pro", annual, with 3 user licenses
    And she opens the Place Order page
    Then the Place Order page shows these lines:
      | kind | product          | licenses | term    | from       | to         | rate   | amount |
      | new  | GoToWebinar Lite | 2        | monthly | 2029-12-31 | 2030-01-30 | 49.00  | 98.00  |
      | new  | LogMeIn Pro      | 3        | annual  | 2029-12-31 | 2030-12-30 | 300.00 | 900.00 |
    And the subtotal is 998.00
    And VAT is 20% or 199.60
    And the total due is 1197.60 EUR

  @step-9 @R10.2
  Scenario Outline: The billing period runs from today for one month or one year, clamped at month ends
    Given today is <today>
    And Claire is signed in
    When she buys "LogMeIn Pro", <term>, with 1 user license
    Then the billing period runs from <today> to <last day>

    Examples:
      | today      | term    | last day   |
      | 2027-06-15 | monthly | 2027-07-14 |
      | 2027-08-31 | annual  | 2028-08-30 |
      | 2026-12-31 | monthly | 2027-01-30 |
      | 2027-01-31 | monthly | 2027-02-27 |
      | 2028-01-31 | monthly | 2028-02-28 |
      | 2027-03-31 | monthly | 2027-04-29 |
      | 2028-02-29 | annual  | 2029-02-27 |

  @step-9 @R10.2
  Scenario Outline: A billing day at a month's end stays the anchor of every period
    Given today is <today>
    And her billing day is the <billing day>
    And the account holds "GoToMeeting Business", monthly, with 1 user license
    And Claire is signed in
    Then her "GoToMeeting Business" subscription runs from <start> to <end>, next billed on <next>

    Examples:
      | today      | billing day | start      | end        | next       |
      | 2027-03-05 | 31st        | 2027-02-28 | 2027-03-30 | 2027-03-31 |
      | 2027-02-14 | 30th        | 2027-01-30 | 2027-02-27 | 2027-02-28 |
      | 2027-03-01 | 29th        | 2027-02-28 | 2027-03-28 | 2027-03-29 |
      | 2028-03-01 | 31st        | 2028-02-29 | 2028-03-30 | 2028-03-31 |
