// The System status page: shows which worker answered the check as soon as it does.
onUserEvent("worker_check", (event) => {
  document.getElementById("live-result").textContent = `Worker ${event.worker} answered in ${event.round_trip_ms} ms.`;
});
