# Article step 10: "Enter payment details ... then click Place Order."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
# The payment simulator's test cards are those of flow.md R11.4.
Feature: Paying for the order
  Payment details are a card, or the card on file. A card that fails places nothing:
  no order, no subscription, no charge, no email, the cart intact, and the page says why.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2028-02-29
    And her billing day is the 15th
    And her cart holds "GoToWebinar Lite", monthly, with 2 user licenses

  @step-10 @R11.4 @R12.1 @R0.3
  Scenario Outline: A good card places the order and is charged the total due
    Given Claire is signed in
    When she opens the Place Order page
    And she places the order with the card "<card>"
    Then she sees the order confirmation with an order number
    And her card ending <last four> was charged 117.60 EUR once
    And "GoToWebinar Lite" is active on her account from 2028-02-29 to 2028-03-28
    And her cart is empty
    And her billing day is now the 29th
    And an order confirmation email reaches her with the order number

    Examples:
      | card                | last four |
      | 4242 4242 4242 4242 | 4242      |
      | 5555 5555 5555 4444 | 4444      |

  # Each kind of failing card once; a VAT number typed or not and a card on file or not,
  # in pairs: the VAT number and the card typed must not be kept either.
  @step-10 @R11.4 @R11.5 @R12.1
  Scenario Outline: A card that fails places nothing and says why
    Given the account has <card on file>
    And Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with the card "<card>" and <VAT number>
    Then she is refused because <why>
    And her account is as it was before
    And nothing was charged
    And no email was sent

    Examples:
      | card                | VAT number                     | card on file    | why                             |
      | 4000 0000 0000 0002 | no VAT number                  | no card on file | the card was declined           |
      | 4000 0000 0000 9995 | the VAT number "FR40303265045" | a card on file  | the card has insufficient funds |
      | 4000 0000 0000 0069 | the VAT number "FR40303265045" | no card on file | the card has expired            |
      | 4000 0000 0000 0119 | no VAT number                  | a card on file  | the payment provider failed     |

  @step-10 @R11.5
  Scenario: After a failed payment, the same cart can be paid with another card
    Given Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with the card "4000 0000 0000 0002"
    And she places the order with the card "4242 4242 4242 4242"
    Then she sees the order confirmation with an order number
    And her card ending 4242 was charged 117.60 EUR once

  @step-10 @R11.1
  Scenario Outline: Card details are checked at their field
    Given Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with <the card>
    Then she is refused at the "<field>" field
    And nothing was charged
    And her cart holds only "GoToWebinar Lite" with 2 user licenses, monthly

    Examples:
      | the card                              | field           |
      | the card "4242 4242 4242 4241"        | Card number     |
      | a card that expired in 01/2020        | Expiry date     |
      | a card with the security code "12"    | CVC             |
      | a card with the security code "12345" | CVC             |
      | a card with no holder name            | Cardholder name |

  # Today is 2028-02-29 on the account's clock: a card is good through the last day of its
  # expiry month, and one that expired last month is refused whatever the server's date.
  @step-10 @R11.1 @R14
  Scenario: A card expiring this month is accepted, one that expired last month is not
    Given Claire is signed in
    When she opens the Place Order page
    And she tries to place the order with a card that expired in 01/2028
    Then she is refused at the "Expiry date" field
    And her account is as it was before
    When she places the order with a card expiring in 02/2028
    Then she sees the order confirmation with an order number
    And her card ending 4242 was charged 117.60 EUR once

  @step-10 @R11.1
  Scenario: The card on file can be used instead of entering one
    Given the account has a card on file
    And Claire is signed in
    Then her account shows her saved card by its brand and last four digits
    When she opens the Place Order page
    And she places the order with her saved card
    Then she sees the order confirmation with an order number
    And her saved card was charged 117.60 EUR once

  @step-10 @R11.1 @R12.3
  Scenario: The card number is never shown again in full
    Given Claire is signed in
    When she opens the Place Order page
    And she places the order with the card "5555 5555 5555 4444"
    Then the confirmation names the card by its brand and last four digits 4444
    And the order confirmation email names the card ending 4444, never its full number
