# Article step 9: the credit and charge lines of the billing-date reset (R10.3), for
# each term, at month ends and in pounds; amounts rounded half-up to the cent (R10.4).
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Credits for the unused days of the subscriptions held
  A subscription held is credited for what was paid for its current period times its
  unused days over the period's days (days counted inclusive, from today to the period's
  last day), and charged again for a new period from today, at its own term and price.

  @step-9 @R10.3 @R10.4
  Scenario Outline: Each subscription held is credited for its unused days and renewed from today
    Given Claire is the billing contact of a standard account in <country>
    And today is <today>
    And her billing day is the <billing day>
    And the account holds "<held>", <term>, with <licenses> user licenses, since <since>
    And Claire is signed in
    When she buys "LogMeIn Pro", monthly, with 1 user license
    Then the credit for "<held>" is <credit> for <today> to <last unused day>
    And the renewal of "<held>" is <renewal> for <today> to <renewal end>

    Examples:
      | country            | today      | billing day | held                     | term    | licenses | since      | credit  | last unused day | renewal | renewal end |
      | France             | 2028-02-27 | 15th        | GoToTraining Starter     | monthly | 3        | 2028-02-15 | -191.69 | 2028-03-14      | 327.00  | 2028-03-26  |
      | France             | 2027-12-31 | 1st         | GoToMeeting Professional | annual  | 1        | 2027-06-01 | -50.16  | 2028-05-31      | 120.00  | 2028-12-30  |
      | France             | 2027-03-05 | 31st        | GoToMeeting Business     | monthly | 1        | 2027-02-28 | -13.42  | 2027-03-30      | 16.00   | 2027-04-04  |
      | the United Kingdom | 2027-02-15 | 1st         | GoToWebinar Lite         | monthly | 1        | 2027-02-01 | -20.83  | 2027-02-28      | 41.65   | 2027-03-14  |
