"""The binding interface labels (docs/rules.md, "Labels" table), character for character."""

from __future__ import annotations

from .negotiation import normalize

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


def label(key: str, locale: str) -> str:
    """The label `key` in `locale` (unknown locales: English). Unknown keys raise KeyError."""
    return LABELS[key][normalize(locale)]
