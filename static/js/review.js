// The review page: a comment is tied to the moment of the recording being watched when its
// reviewer started typing it. Comments go into the form as hidden inputs; selecting a comment's
// time plays its recording from there (report.js handles every [data-seek]).
(function () {
  const draft = document.getElementById("comment-draft");
  if (!draft) return;
  const moment = document.getElementById("comment-moment");
  const list = document.getElementById("comment-list");
  let lastPlayer = null;
  let captured = null;

  // The player last played, paused or moved (by its controls or a sentence of its transcript)
  // is the one being watched. Media events don't bubble: listen while they are captured.
  ["play", "pause", "seeking", "timeupdate"].forEach((type) =>
    document.addEventListener(type, (event) => {
      if (event.target.matches && event.target.matches("video, audio")) lastPlayer = event.target;
    }, true)
  );
  document.addEventListener("click", (event) => {
    const seek = event.target.closest("[data-seek]");
    if (seek) lastPlayer = document.getElementById(seek.dataset.player);
  });

  function clock(seconds) {
    const whole = Math.floor(seconds);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }

  function capture() {
    const attempt = lastPlayer && lastPlayer.closest("[data-recording]");
    captured = attempt
      ? { recording: attempt.dataset.recording, seconds: Math.round(lastPlayer.currentTime * 10) / 10, where: attempt.dataset.where }
      : { recording: "", seconds: 0, where: "the interview as a whole" };
    moment.textContent = captured.recording ? `At ${clock(captured.seconds)} of ${captured.where}.` : "About the interview as a whole (no recording played yet).";
  }

  draft.addEventListener("input", () => {
    if (captured === null && draft.value.trim()) capture();
    if (!draft.value.trim()) captured = null;
  });

  function hidden(name, value) {
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name, value });
    return input;
  }

  document.getElementById("comment-add").addEventListener("click", () => {
    const text = draft.value.trim();
    if (!text) return;
    if (captured === null) capture();
    const item = document.createElement("li");
    item.className = "review-comment";
    item.append(hidden("comment_recording", captured.recording), hidden("comment_seconds", captured.seconds), hidden("comment_text", text));
    let where;
    if (captured.recording) {
      where = document.createElement("button");
      Object.assign(where, { type: "button", className: "comment-time" });
      where.dataset.player = `player-${captured.recording}`;
      where.dataset.seek = captured.seconds;
    } else {
      where = document.createElement("span");
      where.className = "muted comment-where";
    }
    where.textContent = captured.recording ? `${clock(captured.seconds)} · ${captured.where}` : `On ${captured.where}`;
    const body = document.createElement("span");
    Object.assign(body, { className: "comment-text", textContent: text });
    const remove = document.createElement("button");
    Object.assign(remove, { type: "button", className: "link-button comment-remove", textContent: "Remove" });
    remove.setAttribute("aria-label", "Remove this comment");
    item.append(where, " ", body, " ", remove);
    list.append(item);
    draft.value = "";
    captured = null;
    moment.textContent = "Comment added. Save the review to keep it.";
    draft.focus();
  });

  list.addEventListener("click", (event) => {
    if (event.target.matches(".comment-remove")) event.target.closest("li").remove();
  });
})();
