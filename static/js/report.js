// Report and progress pages: draw the Plotly charts the server prepared (plotly.js is served
// from static/), and play a recording from the sentence of its transcript that was selected.
(function () {
  const source = document.getElementById("report-figures");
  const figures = source ? JSON.parse(source.textContent) : {};
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const figure = figures[element.dataset.chart];
    if (figure) Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false, responsive: true });
  });

  document.addEventListener("click", (event) => {
    const sentence = event.target.closest("[data-seek]");
    if (!sentence) return;
    const player = document.getElementById(sentence.dataset.player);
    player.currentTime = parseFloat(sentence.dataset.seek);
    player.play();
    document.querySelectorAll(".sentence.playing").forEach((other) => other.classList.remove("playing"));
    sentence.classList.add("playing");
  });
})();
