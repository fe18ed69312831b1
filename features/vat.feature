# Article step 10: "Enter payment details and/or a VAT number (if applicable)."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# The seller is in Ireland (IE), the default of flow.md.
Feature: VAT and VAT numbers
  EU customers pay their country's VAT, unless they give a valid VAT number of their own
  country (another member state than the seller's): then the VAT is reverse charged.
  UK customers pay 20% unless they give a valid UK VAT number. Others pay no VAT.
  An invalid VAT number, or one of another country, is refused at the field.

  @step-10 @R11.3 @R10.4
  Scenario Outline: VAT by the customer's country and VAT number
    Given Claire is the billing contact of a standard account in <country>
    And today is 2027-10-31
    And Claire is signed in
    When she buys "GoToWebinar Lite", monthly, with 3 user licenses
    And she enters the VAT number "<VAT number>"
    Then the subtotal is <subtotal>
    And VAT is <rate>% or <VAT>
    And reverse charge is <reverse charge>
    And the total due is <total> <currency>

    Examples:
      | country            | VAT number    | subtotal | rate | VAT   | reverse charge | total  | currency |
      | France             | none          | 147.00   | 20   | 29.40 | no             | 176.40 | EUR      |
      | France             | FR40303265045 | 147.00   | 0    | 0.00  | yes            | 147.00 | EUR      |
      | Germany            | none          | 147.00   | 19   | 27.93 | no             | 174.93 | EUR      |
      | Germany            | DE136695976   | 147.00   | 0    | 0.00  | yes            | 147.00 | EUR      |
      | Ireland            | IE6433435F    | 147.00   | 23   | 33.81 | no             | 180.81 | EUR      |
      | Hungary            | none          | 147.00   | 27   | 39.69 | no             | 186.69 | EUR      |
      | Luxembourg         | none          | 147.00   | 17   | 24.99 | no             | 171.99 | EUR      |
      | Greece             | EL094259216   | 147.00   | 0    | 0.00  | yes            | 147.00 | EUR      |
      | the United Kingdom | none          | 124.95   | 20   | 24.99 | no             | 149.94 | GBP      |
      | the United Kingdom | GB980780684   | 124.95   | 0    | 0.00  | yes            | 124.95 | GBP      |
      | the United States  | none          | 147.00   | 0    | 0.00  | no             | 147.00 | USD      |

  @step-10 @R10.4 @R11.3
  Scenario: VAT is rounded half-up to the cent
    Given Claire is the billing contact of a standard account in Finland
    And today is 2029-03-31
    And Claire is signed in
    When she buys "GoToWebinar Lite", monthly, with 3 user licenses
    Then the subtotal is 147.00
    And VAT is 25.5% or 37.49
    And the total due is 184.49 EUR

  @step-10 @R11.2
  Scenario: A valid VAT number is saved on the account with the order
    Given Claire is the billing contact of a standard account in Germany
    And today is 2030-07-01
    And Claire is signed in
    When she buys "GoToWebinar Lite", monthly, with 3 user licenses
    And she enters the VAT number "DE136695976"
    And she places the order with the card "4242 4242 4242 4242"
    Then she sees the order confirmation with VAT 0% and a total of 147.00
    And her card was charged 147.00 EUR once
    And her account's VAT number is "DE136695976"

  @step-10 @R11.2 @R11.5
  Scenario Outline: An invalid VAT number, or one of another country, is refused and nothing is placed
    Given Claire is the billing contact of a standard account in France
    And today is 2027-01-01
    And her cart holds "GoToWebinar Lite", monthly, with 3 user licenses
    And Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with the VAT number "<VAT number>" and the card "4242 4242 4242 4242"
    Then she is refused at the "VAT number" field
    And her account is as it was before
    And nothing was charged
    And her account has no VAT number

    Examples:
      | VAT number    | why                                   |
      | FR12345678901 | wrong check digits                    |
      | FR4030326504  | too short                             |
      | not a number  | not a VAT number                      |
      | DE136695976   | valid, but German: the account is French |
      | BE0403019261  | valid, but Belgian: the account is French |
