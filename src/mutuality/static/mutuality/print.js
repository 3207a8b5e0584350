// The Print button of printable pages (no inline handlers: the Content-Security-Policy
// allows scripts from Mutuality's own files only).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
