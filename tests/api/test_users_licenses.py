"""/api/users (R13, R0.1): the account's users and their licenses, for billing contacts."""

from __future__ import annotations

from .support import error

MEETING_X2 = [{"product": "gotomeeting", "level": "business", "licenses": 2,
               "term": "monthly"}]


def users(client, who):
    return client.get("/api/users", headers=who.headers)


def licenses(client, who) -> dict[str, list[str]]:
    resp = users(client, who)
    assert resp.status_code == 200, resp.text
    return {u["email"]: u["licenses"] for u in resp.json()}


def test_the_billing_contact_lists_the_users(client, api):
    acct = api.account(extra_users=2)
    resp = users(client, acct)
    assert resp.status_code == 200
    listed = resp.json()
    assert [u["is_billing_contact"] for u in listed] == [True, False, False]
    assert listed[0]["email"] == acct.contact.email
    assert {u["email"] for u in listed[1:]} == {c["email"] for c in acct.colleagues}
    assert all(u["licenses"] == [] and u["name"] for u in listed)


def test_assign_up_to_the_count_then_refuse_then_unassign(client, api):
    acct = api.account(extra_users=2, subscriptions=MEETING_X2)
    ids = [u["id"] for u in users(client, acct).json()]
    path = "/api/users/{}/licenses/gotomeeting"
    for user_id in ids[:2]:
        resp = client.put(path.format(user_id), headers=acct.headers)
        assert resp.status_code == 200, resp.text
    assert [u["licenses"] for u in resp.json()] == [["gotomeeting"], ["gotomeeting"], []]
    again = client.put(path.format(ids[0]), headers=acct.headers)  # idempotent
    assert again.status_code == 200
    error(client.put(path.format(ids[2]), headers=acct.headers), 422, "validation", "product")
    assert api.overview(acct)["subscriptions"][0]["assigned"] == 2
    resp = client.delete(path.format(ids[0]), headers=acct.headers)
    assert resp.status_code == 200
    assert [u["licenses"] for u in resp.json()] == [[], ["gotomeeting"], []]
    assert client.put(path.format(ids[2]), headers=acct.headers).status_code == 200
    assert api.overview(acct)["subscriptions"][0]["assigned"] == 2


def test_licenses_of_a_product_not_held_or_for_a_stranger_are_refused(client, api):
    acct = api.account(subscriptions=MEETING_X2)
    stranger = api.account()
    me = users(client, acct).json()[0]["id"]
    their_id = users(client, stranger).json()[0]["id"]
    error(client.put(f"/api/users/{me}/licenses/gotowebinar", headers=acct.headers), 422,
          "validation", "product")
    error(client.put(f"/api/users/{their_id}/licenses/gotomeeting", headers=acct.headers),
          404, "not_found")
    assert licenses(client, acct) == {acct.contact.email: []}
    assert licenses(client, stranger) == {stranger.contact.email: []}


def test_a_colleague_neither_reads_the_users_nor_assigns(client, api):
    acct = api.account(extra_users=1, subscriptions=MEETING_X2)
    colleague = api.colleague(acct)
    err = error(users(client, colleague), 403, "not_billing_contact")
    assert err["message"] == \
        "Only a billing contact of this account can see its orders and users."
    fr = error(client.get("/api/users", headers={**colleague.headers,
                                                 "Accept-Language": "fr"}),
               403, "not_billing_contact")
    assert fr["message"].startswith("Seul un contact de facturation")
    contact_id = users(client, acct).json()[0]["id"]
    for method in ("PUT", "DELETE"):
        error(client.request(method, f"/api/users/{contact_id}/licenses/gotomeeting",
                             headers=colleague.headers), 403, "not_billing_contact")
    assert all(not v for v in licenses(client, acct).values())
    error(client.get("/api/users"), 401, "not_signed_in")


def test_an_enterprise_contact_reads_users_but_manages_licenses_in_the_portal(client, api):
    acct = api.account(kind="enterprise", subscriptions=MEETING_X2)
    [me] = users(client, acct).json()
    err = error(client.put(f"/api/users/{me['id']}/licenses/gotomeeting",
                           headers=acct.headers), 403, "enterprise_account")
    assert err["portal_url"]
