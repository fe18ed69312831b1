"""The binding labels of flow.md, as data: key -> {language: text}.

Features speak English labels ("Place Order"); steps translate the expectation into the
run's language with `label()` and compare it with what the driver shows, so an
`[api-fr]` run really checks "Passer la commande".
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "fr")

# The rulebook's "Labels" table (docs/rules.md), character for character.
LABELS: dict[str, dict[str, str]] = {
    "billing_center": {"en": "Billing Center", "fr": "Centre de facturation"},
    "sign_in": {"en": "Sign in", "fr": "Se connecter"},
    "add_subscription": {"en": "Add a new subscription", "fr": "Ajouter un nouvel abonnement"},
    "buy": {"en": "Buy", "fr": "Acheter"},
    "try": {"en": "Try", "fr": "Essayer"},
    "level": {"en": "Subscription level", "fr": "Niveau d’abonnement"},
    "licenses": {"en": "User licenses", "fr": "Licences utilisateur"},
    "next": {"en": "Next", "fr": "Suivant"},
    "monthly": {"en": "Monthly", "fr": "Mensuel"},
    "annual": {"en": "Annual", "fr": "Annuel"},
    "place_order": {"en": "Place Order", "fr": "Passer la commande"},
    "start_trial": {"en": "Start Trial", "fr": "Commencer l’évaluation"},
    "add_to_cart": {"en": "Add to Cart", "fr": "Ajouter au panier"},
    "edit_order": {"en": "Edit Order", "fr": "Modifier la commande"},
    "billing_period": {"en": "Billing period", "fr": "Période de facturation"},
    "rate": {"en": "Subscription rate", "fr": "Tarif d'abonnement"},
    "total_due": {"en": "Total due", "fr": "Total dû"},
    "payment_details": {"en": "Payment details", "fr": "Détails de paiement"},
    "vat_number": {"en": "VAT number", "fr": "Numéro de TVA"},
    "manage_user_products": {
        "en": "Manage user products",
        "fr": "Gérer les produits des utilisateurs",
    },
    "corporate_portal": {"en": "Corporate Billing Portal", "fr": "Corporate Billing Portal"},
}

# Fields of the payment form that flow.md names without fixing a label. The harness
# needs a key for each (a refusal is "at the field"); the texts are the harness's choice.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "card_name": {"en": "Cardholder name", "fr": "Titulaire de la carte"},
    "card_number": {"en": "Card number", "fr": "Numéro de carte"},
    "card_expiry": {"en": "Expiry date", "fr": "Date d'expiration"},
    "card_cvc": {"en": "CVC", "fr": "CVC"},
}

_ALL = {**LABELS, **FIELD_LABELS}


def label(key: str, lang: str) -> str:
    """The text of a label key in a language."""
    return _ALL[key][lang]


def key_of(english: str) -> str:
    """The key of an English label as the features write it ("Place Order" -> place_order)."""
    for key, texts in _ALL.items():
        if texts["en"].casefold() == english.casefold():
            return key
    raise KeyError(f"no label reads {english!r} in English; known: {sorted(_ALL)}")


def translate(english: str, lang: str) -> str:
    """An English label of the features in the run's language."""
    return label(key_of(english), lang)
