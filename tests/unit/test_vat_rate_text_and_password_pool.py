"""Two small service-layer details found by mutation testing (docs/mutation.md): a VAT rate
is shown without trailing zeros, and a zero rate as "0" (R11.3); the pool of test-account
passwords keeps four hashed pairs ready by default, no more (each costs argon2's memory)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.adapters.passwords import PooledHasher
from backend.service_layer import auth
from backend.service_layer.test_passwords import HashedPasswords
from backend.service_layer.views import VatOut, rate_text
from tests.threads import wait_until

D = Decimal


@pytest.mark.parametrize("rate, shown", [
    (D("20.00"), "20"), (D("25.50"), "25.5"), (D("5.5"), "5.5"), (D("0"), "0"),
    (D("0.00"), "0"), (D("100"), "100"),
])
def test_a_vat_rate_is_shown_without_trailing_zeros(rate, shown):
    assert rate_text(rate) == shown
    vat = VatOut(rate=rate, amount=D("0.00"), reverse_charge=False, country="FR")
    assert vat.model_dump(mode="json")["rate"] == shown


def test_the_password_pool_keeps_four_pairs_ready_by_default(monkeypatch):
    monkeypatch.setattr(auth, "hasher",  # cheap parameters: this counts pairs, not strength
                        PooledHasher(time_cost=1, memory_cost=8, parallelism=1))
    pool = HashedPasswords()
    pool.take()  # starts the background hashing
    wait_until(lambda: pool._ready.qsize() >= 4, within_s=20)
    assert pool._ready.qsize() == 4
    assert pool._ready.maxsize == 4  # the filler blocks on a fifth: no waiting to see it
