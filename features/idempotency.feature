# Article step 10: placing the order once, even when the submission arrives twice.
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: One order per submission
  A double click or a retried request after a timeout places one order and charges once;
  whatever confirmation she sees is of that order. Reusing a submission for other details
  is refused.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2027-04-30
    And her cart holds "GoToWebinar Lite", monthly, with 2 user licenses
    And Claire is signed in

  @step-10 @R12.4
  Scenario: The same order sent twice is placed and charged once
    When she opens the Place Order page
    And she submits the order with the card "4242 4242 4242 4242" twice in a row
    Then every confirmation she sees is of one and the same order
    And her card was charged 117.60 EUR once
    And only one order confirmation email was sent
    And "GoToWebinar Lite" is active on her account with 2 user licenses

  # Only a client of the API can send one submission again with other details: a screen
  # makes a new submission whenever the details change.
  @step-10 @R12.4 @api-only
  Scenario: Reusing a submission with other payment details is refused
    When she opens the Place Order page
    And she places the order with the card "4242 4242 4242 4242"
    And the same submission is sent again with the card "5555 5555 5555 4444"
    Then she is refused because the retry conflicts with the first submission
    And her card was charged 117.60 EUR once
    And only one order confirmation email was sent
