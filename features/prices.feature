# Article step 9: "On the Place Order page, check ... the subscription rate and the total due."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# @sweep: generated for the api driver alone (docs/decisions.md, "Prices over the whole catalog").
Feature: Prices over the whole catalog
  The catalog prices every level of every product per license and per term in each
  currency by one rule: the monthly price in euros is the base; a year costs ten months;
  US dollars are the same figures as euros; pounds are 0.85 of the euro price, rounded
  half-up to the cent. A line's amount is its rate times its user licenses.

  @step-9 @R8.5 @R10.1 @sweep
  Scenario Outline: Every level of every product, monthly and annual, is priced by the catalog's rule in <currency>
    Given Claire is the billing contact of a standard account in <country>
    And today is 2030-09-17
    And Claire is signed in
    When she puts each level of each product on the Place Order page in turn, monthly and annual, with 7 user licenses
    Then every line's rate is its level's monthly price in euros times <factor>, times 10 when annual, rounded half-up to the cent
    And every line's amount is its rate times 7, in <currency>

    Examples:
      | country            | currency | factor |
      | France             | EUR      | 1      |
      | the United States  | USD      | 1      |
      | the United Kingdom | GBP      | 0.85   |
