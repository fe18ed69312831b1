# Article step 1: "Sign in to the Billing Center."
# Tags: @step-N is the article's step (0 = the preamble), @R<id> a rule of flow.md.
# pytest-bdd turns tags into markers; the dot and the dash are kept (pytest accepts them):
#   pytest features -m "step-1 and R1"
Feature: Signing in to the Billing Center
  A billing contact signs in with her email and password before she adds anything.
  A wrong email or password gets one message that does not tell which one was wrong.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2027-12-31

  @step-1 @R1 @smoke
  Scenario: A billing contact signs in and sees her account
    When Claire signs in with her email and password
    Then she sees her account in the Billing Center

  @step-1 @R1
  Scenario: A wrong password and an unknown email get the same generic message
    When Claire tries to sign in with her email and a wrong password
    And Claire tries to sign in with an unknown email and her password
    Then both attempts are refused as invalid credentials
    And both refusals show the same message, naming no field

  @step-1 @R1
  Scenario: Signing out ends the session
    Given Claire is signed in
    When she signs out
    Then her session no longer opens her account
