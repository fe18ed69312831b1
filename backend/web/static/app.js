// The little the pages need beyond HTML; every page also works without it.
"use strict";

// R6: the licenses dialog opens as a modal; Next stays unavailable while the number is not
// a whole number in the allowed range, and the refusal shows at the field.
function setUpLicensesDialog(dialog) {
  if (typeof dialog.showModal === "function") {
    dialog.close();
    dialog.showModal();
  }
  const input = dialog.querySelector("input[name=licenses]");
  const error = document.getElementById("licenses-error");
  const next = dialog.querySelector("button[type=submit]");
  if (!input || !error || !next) return;
  const max = Number(input.max);
  const check = () => {
    const text = input.value.trim();
    const ok = !input.validity.badInput && /^[0-9]+$/.test(text) &&
      Number(text) >= 1 && Number(text) <= max;
    next.disabled = !ok;
    if (ok) {
      input.removeAttribute("aria-invalid");
      error.hidden = true;
      error.textContent = "";
      error.removeAttribute("data-code");
    } else {
      input.setAttribute("aria-invalid", "true");
      error.textContent = input.dataset.rangeMessage;
      error.dataset.code = "validation";
      error.hidden = false;
    }
    return ok;
  };
  input.addEventListener("input", check);
  dialog.querySelector("form").addEventListener("submit", (event) => {
    if (!check()) event.preventDefault();
  });
  input.focus();
  input.select();
}

// Typing a new card chooses "Enter a new card" (the saved card is the default).
function setUpNewCard(form) {
  const choice = document.getElementById("payment-new");
  const card = form.querySelector("[data-new-card]");
  if (!choice || !card) return;
  card.addEventListener("input", () => { choice.checked = true; });
}

document.addEventListener("DOMContentLoaded", () => {
  const dialog = document.querySelector("dialog[data-modal]");
  if (dialog) setUpLicensesDialog(dialog);
  const order = document.getElementById("order-form");
  if (order) setUpNewCard(order);
});
