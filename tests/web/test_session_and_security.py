"""Sign in and out (R1), the language of the pages, and what keeps them safe: cookie flags,
CSRF, the Content-Security-Policy, safe redirects, and error pages instead of stack traces."""

from __future__ import annotations

from fastapi.testclient import TestClient

from backend.i18n import label


def test_sign_in_page_in_english_and_french(new_browser):
    en = new_browser("en").get("/sign-in")
    assert en.status == 200 and en.h1 == "Sign in"
    assert 'lang="en"' in en.html and "Sign in" in en.buttons()
    fr = new_browser("fr-FR,fr;q=0.9").get("/sign-in")
    assert 'lang="fr"' in fr.html and fr.h1 == label("sign_in", "fr") == "Se connecter"
    assert fr.text('label[for="password"]') == "Mot de passe"


def test_a_wrong_password_gives_one_generic_message_and_keeps_the_email(visitor, make_account):
    account = make_account()
    page = visitor.sign_in(account.email, "not the password")
    assert page.status == 401
    assert page.alert() == "The email or password is incorrect."
    assert page.value("email") == account.email
    unknown = visitor.sign_in("nobody@example.test", "whatever")
    assert unknown.alert() == page.alert()  # R1: no hint which was wrong


def test_repeated_failed_sign_ins_are_slowed_down(visitor, make_account):
    account = make_account()
    for _ in range(10):
        page = visitor.sign_in(account.email, "still wrong")
        if page.status == 429:
            break
    assert page.status == 429 and int(page.headers["retry-after"]) > 0
    assert page.soup.select_one("#page-alert")["data-code"] == "too_many_attempts"
    assert page.value("email") == account.email


def test_session_cookie_flags(make_account, app):
    account = make_account()
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        client = TestClient(app, base_url=base)
        page = client.get("/sign-in")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = client.post("/sign-in", data={"csrf_token": token, "email": account.email,
                                                 "password": account.password},
                               follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/account"
        cookie = next(c for c in response.headers.get_list("set-cookie")
                      if c.startswith("billing_session="))
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
        assert ("secure" in flags) is secure
        csrf_cookie = next(c for c in page.headers.get_list("set-cookie")
                           if c.startswith("billing_csrf="))
        assert "HttpOnly" in csrf_cookie and "SameSite=Lax" in csrf_cookie
        assert ("Secure" in csrf_cookie) is secure
        client.close()


def test_sign_out_ends_the_session_everywhere(signed_in):
    browser, _account = signed_in()
    token = browser.client.cookies.get("billing_session")
    assert browser.client.get("/api/account", headers={
        "authorization": f"Bearer {token}"}).status_code == 200
    page = browser.post("/sign-out")
    assert page.status == 200 and page.h1 == "Sign in"
    assert browser.client.get("/api/account", headers={
        "authorization": f"Bearer {token}"}).status_code == 401
    browser.client.cookies.set("billing_session", token)  # the old cookie, replayed
    response = browser.client.get("/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/sign-in")


def test_pages_need_a_session_and_come_back_after_sign_in(visitor, make_account):
    response = visitor.client.get("/cart?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/cart%3Fx%3D1"
    account = make_account()
    page = visitor.get(response.headers["location"])
    assert page.status == 200 and page.alert() == "Please sign in first."
    assert page.soup.select_one("#page-alert")["data-code"] == "not_signed_in"
    assert visitor.get("/sign-in").alert() is None  # asked for, nothing to explain
    page = visitor.get(response.headers["location"])
    assert page.soup.select_one('form[action="/sign-in"] [name=next]')["value"] == "/cart?x=1"
    done = visitor.post("/sign-in", {"email": account.email, "password": account.password,
                                     "next": "/cart?x=1"})
    assert done.url.endswith("/cart?x=1") and done.h1 == "Cart"


def test_redirects_stay_on_this_site(visitor, make_account):
    account = make_account()
    visitor.get("/sign-in")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        visitor.get("/sign-in")
        response = visitor.client.post("/sign-in", data={
            "csrf_token": visitor.page.csrf(), "email": account.email,
            "password": account.password, "next": target}, follow_redirects=False)
        assert response.headers["location"] == "/account"


def test_a_post_without_the_right_csrf_token_is_refused_and_does_nothing(
        new_browser, signed_in, web_backend):
    browser, account = signed_in(cart=[{"product": "logmein-pro", "licenses": 1,
                                        "term": "monthly"}])
    other, _ = signed_in()
    for token in ("", "forged", other.get("/account").csrf()):
        page = browser.post("/products/gotomeeting/buy", {
            "level": "business", "licenses": "2", "term": "monthly"}, csrf=token)
        assert page.status == 403
        assert page.h1 == "This form has expired" and page.alert()
    assert len(browser.client.get("/api/cart").json()["items"]) == 1  # nothing was added
    # A new browser has no CSRF cookie yet: even a token copied from elsewhere is refused.
    fresh = new_browser("fr")
    page = fresh.post("/sign-in", {"email": account.email, "password": account.password},
                      csrf=browser.get("/account").csrf())
    assert page.status == 403 and page.h1 == "Ce formulaire a expiré"
    assert "billing_session" not in fresh.client.cookies


def test_every_page_has_a_content_security_policy_and_no_inline_script_or_style(signed_in):
    browser, _ = signed_in(cart=[{"product": "logmein-pro", "licenses": 1, "term": "monthly"}])
    for path in ("/account", "/products", "/products/gotowebinar/buy?level=pro",
                 "/cart", "/place-order", "/place-order/edit", "/users", "/messages",
                 "/no-such-page"):
        page = browser.get(path)
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["cache-control"] == "no-store"
        soup = page.soup
        assert all(script.get("src") for script in soup.find_all("script")), path
        assert not soup.find_all("style") and not soup.select("[style]"), path
        assert not any(attr.startswith("on") for tag in soup.find_all(True)
                       for attr in tag.attrs), path


def test_the_language_switch_sticks(visitor, make_account):
    account = make_account()
    visitor.sign_in(account.email, account.password)
    page = visitor.get("/account")
    assert 'lang="en"' in page.html and "Français" in page.texts("header button")
    switched = visitor.post("/language", {"lang": "fr", "next": "/account"})
    assert 'lang="fr"' in switched.html and switched.url.endswith("/account")
    assert label("add_subscription", "fr") in switched.buttons()
    again = visitor.get("/products")  # the cookie wins over Accept-Language: en
    assert again.h1 == "Ajouter un nouvel abonnement"
    assert "English" in again.texts("header button")


def test_unknown_pages_are_pages_and_the_api_keeps_its_json(visitor):
    page = visitor.get("/no/such/page")
    assert page.status == 404 and page.h1 == "Page not found"
    assert visitor.get("/orders/not-a-number").status == 404
    api = visitor.client.get("/api/no-such-route")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    wrong_method = visitor.client.patch("/api/health")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"
    assert visitor.client.get("/api/health").json() == {"status": "ok"}
    assert visitor.client.get("/openapi.json").status_code == 200  # without test mode too


def test_an_unexpected_error_shows_the_error_page_in_the_persons_language(
        signed_in, web_backend, monkeypatch, caplog):
    browser, _ = signed_in(lang="fr")

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(type(web_backend.service), "account", broken)
    client = TestClient(browser.client.app, raise_server_exceptions=False,
                        cookies=dict(browser.client.cookies))
    response = client.get("/account", headers={"accept-language": "fr"})
    assert response.status_code == 500
    assert "Un problème est survenu" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "content-security-policy" in response.headers


def test_even_a_failing_error_page_shows_no_stack_trace(signed_in, web_backend, monkeypatch):
    import backend.web.app as pages

    browser, _ = signed_in()

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(type(web_backend.service), "account", broken)
    monkeypatch.setattr(pages, "render", broken)
    client = TestClient(browser.client.app, raise_server_exceptions=False,
                        cookies=dict(browser.client.cookies))
    response = client.get("/account")
    assert response.status_code == 500 and "secret" not in response.text
    assert response.text.startswith("Something went wrong.")
