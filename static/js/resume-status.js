// The résumé progress page: follows the background reading through user events, and falls
// back to reloading the page in case an event was sent before this page was listening.
(function () {
  const card = document.getElementById("resume-status");
  if (!card) return;
  const finished = (status) => status === "done" || status === "failed";
  let fallback;
  function waitForNews() {
    clearTimeout(fallback);
    if (!finished(card.dataset.status)) fallback = setTimeout(() => location.reload(), 5000);
  }
  onUserEvent("resume", (event) => {
    if (String(event.id) !== card.dataset.resume) return;
    card.dataset.status = event.status;
    document.getElementById("resume-progress").value = event.progress;
    document.getElementById("resume-state").textContent =
      event.status === "reading" ? `${event.status_label} (${event.progress}%)` : event.status_label;
    const error = document.getElementById("resume-error");
    error.textContent = event.error;
    error.hidden = event.status !== "failed";
    document.getElementById("resume-retry").hidden = event.status !== "failed";
    document.getElementById("resume-done").hidden = event.status !== "done";
    waitForNews();
  });
  waitForNews();
})();
