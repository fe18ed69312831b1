# Article step 11: "If licenses were added, assign them to users so that they can sign
# in (Manage user products)."
# Tags: @step-N is the article's step, @R<id> a rule of flow.md (marker names keep the dot).
Feature: Assigning licenses to users
  Manage user products lists the account's users and each product's licenses, assigned
  over bought. A user holds at most one license of a product, and no more licenses are
  assigned than were bought.

  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2029-09-30
    And Bob and Alice are colleagues on the account, not billing contacts
    And the account holds "GoToMeeting Business", monthly, with 2 user licenses
    And Claire is signed in

  @step-11 @R13
  Scenario: Licenses are assigned up to the number bought, and not beyond
    When she opens "Manage user products"
    Then she sees the users Claire, Bob and Alice
    And "GoToMeeting" shows 0 of 2 licenses assigned
    When she assigns a "GoToMeeting" license to Bob
    And she assigns a "GoToMeeting" license to Alice
    Then "GoToMeeting" shows 2 of 2 licenses assigned
    And Bob holds a "GoToMeeting" license
    And Alice holds a "GoToMeeting" license
    When she tries to assign a "GoToMeeting" license to Claire
    Then she is refused
    And "GoToMeeting" shows 2 of 2 licenses assigned
    And Claire holds no "GoToMeeting" license

  @step-11 @R13
  Scenario: A user holds at most one license of a product, and unassigning frees it
    When she assigns a "GoToMeeting" license to Bob
    And she tries to assign a "GoToMeeting" license to Bob
    Then "GoToMeeting" shows 1 of 2 licenses assigned
    When she unassigns Bob's "GoToMeeting" license
    Then "GoToMeeting" shows 0 of 2 licenses assigned
    And Bob holds no "GoToMeeting" license

  @step-11 @R13 @R12.2 @smoke
  Scenario: Licenses bought today can be assigned at once
    When she buys "GoToWebinar Lite", monthly, with 1 user license
    And she places the order with the card "4242 4242 4242 4242"
    Then she is reminded to assign the new licenses in "Manage user products"
    When she assigns a "GoToWebinar" license to Alice
    Then "GoToWebinar" shows 1 of 1 licenses assigned
    And Alice holds a "GoToWebinar" license
