# Article step 10, its result: instant access, the new billing date, a confirmation
# email with the purchase details; and step 11's reminder to assign the licenses.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: The order confirmation
  After the order, the confirmation shows the order number, what is now active, the new
  billing date and a reminder to assign the new licenses; an email gives the details.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2029-02-10
    And her billing day is the 30th
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses, since 2029-01-30
    And Claire is signed in

  @step-10 @R12.2 @R0.3 @smoke
  Scenario: The confirmation shows the order, what is active, the new billing date and a reminder
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    And she places the order with the card "4242 4242 4242 4242"
    Then she sees the order confirmation with an order number
    And the confirmation shows as active:
      | product              | licenses | term    |
      | GoToWebinar Pro      | 3        | annual  |
      | GoToMeeting Business | 2        | monthly |
    And the confirmation shows the billing day 10 and the next billing date 2029-03-10
    And she is reminded to assign the new licenses in "Manage user products"
    And "GoToWebinar Pro" is active on her account from 2029-02-10 to 2030-02-09

  @step-10 @R12.3
  Scenario: The confirmation email gives the purchase details in her language
    When she buys "GoToWebinar Pro", annual, with 3 user licenses
    And she places the order with the card "4242 4242 4242 4242"
    Then an order confirmation email reaches her with the order number
    And the email names "GoToWebinar Pro" and "GoToMeeting Business"
    And the email shows the amounts 5970.00, 19.86 and 32.00 in her language
    And the email shows the VAT 1196.43 and the total 7178.57 in her language
    And the email shows the new billing date in her language
    And the order confirmation email names the card ending 4242, never its full number
