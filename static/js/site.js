// Progressive enhancement only: every page works without this file.
// Forms marked data-once disable their submit button after the first submit, so a double tap on a
// slow phone does not send the form twice (the server also refuses duplicates).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  for (const button of form.querySelectorAll("button[type=submit], button:not([type])")) {
    button.setAttribute("aria-disabled", "true");
    button.classList.add("is-busy");
  }
});
