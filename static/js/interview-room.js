// The interview room. The page renders from the server's `state` messages, so reopening it (or
// reconnecting after a dropped connection) resumes at the same question. Protocol:
// interviewer/PROTOCOL.md.
(function () {
  const room = document.getElementById("room");
  const $ = (id) => document.getElementById(id);
  const CHUNK_MS = 1000;
  const FRAME_EVERY_MS = 2000;
  // The candidate's choice for this interview: "analysed", "recorded" (video kept, nothing
  // measured: no stills are sent) or "off" (the camera is never opened).
  const CAMERA = room.dataset.camera;

  let state = null;
  let media = null; // {stream, video: bool}
  let recorder = null;
  let recordingFor = null; // {question, attempt}
  let clockTimer = null;
  let frameTimer = null;
  let lastQuestionId = null;
  let shownAnswer = null; // "question-attempt" of the feedback on screen
  let lastTyped = ""; // given back to the candidate if the server couldn't process it

  // --- Connection (socket.js opens it again after a drop) ---------------------------------------
  const socket = openSocket(room.dataset.socket, {
    onOpen: () => showConnection(""),
    onMessage: handle,
    onDrop: () => {
      if (recorder && recorder.state === "recording") stopRecorder(false);
      showConnection("Connection lost. Reconnecting… Your answers so far are saved.");
    },
    onRefused: () => showConnection("You can't open this interview. Log in with the account that started it."),
  });

  function showConnection(text) {
    $("connection").textContent = text;
    $("connection").hidden = !text;
  }

  // --- Messages from the server ----------------------------------------------------------------
  function handle(message) {
    switch (message.type) {
      case "state": return renderState(message);
      case "transcript": return ($("transcript").textContent = message.text + (message.catching_up ? " … (still transcribing)" : ""));
      case "graded": return renderGrade(message);
      case "empty": return showFeedback(message.message, "");
      case "expression": return renderExpression(message);
      case "finished": return finish(message);
      case "error": return renderError(message);
    }
  }

  function renderState(next) {
    state = next;
    if (state.status === "finished") return finish({ message: "This interview has finished.", report_url: state.report_url });
    $("pause").textContent = state.paused ? "Resume" : "Pause";
    $("pause").hidden = !state.can_pause;
    const question = state.question;
    if (question && question.id !== lastQuestionId) {
      lastQuestionId = question.id;
      $("question-number").textContent = `Question ${question.number}`;
      $("question-text").textContent = question.text;
      $("question-engine").textContent = question.engine || "";
      $("transcript").textContent = "";
      playQuestion();
    }
    $("record").disabled = !question || state.paused || !media || Boolean(state.cannot_record);
    if (state.cannot_record) $("recording-state").textContent = state.cannot_record; // storage full: type instead
    $("send-typed").disabled = !question || state.paused;
    startClocks();
    if (state.last_answer) renderGrade(state.last_answer); // feedback missed while away
  }

  function renderError(message) {
    showFeedback(message.message, "");
    // Not graded: the typed answer is given back to send again.
    if (["not_processed", "server_error"].includes(message.code) && lastTyped && !$("typed").value) $("typed").value = lastTyped;
    if (message.code === "not_processed") $("recording-state").textContent = "";
  }

  function renderGrade(message) {
    const shown = `${message.question}-${message.attempt}`;
    if (shown === shownAnswer) return;
    shownAnswer = shown;
    const grade = message.grade;
    const list = (items, mark) => items.map((point) => `<li class="${mark}">${escape(point)}</li>`).join("");
    let html = `<p><span class="verdict verdict-${message.verdict}">${label(message.verdict)}</span> · answer score ${Math.round(grade.answer_score)}/100 (content ${Math.round(grade.content_score)}, relevance ${Math.round(grade.relevance)})</p>`;
    if (message.transcript) html += `<p class="muted">We heard: “${escape(message.transcript)}”</p>`;
    if (grade.covered.length || grade.missed.length) html += `<ul class="key-points">${list(grade.covered, "covered")}${list(grade.missed, "missed")}</ul>`;
    if (message.model_answer) html += `<p>Model answer:</p><p class="model-answer">${escape(message.model_answer)}</p>`;
    grade.notes.concat(message.delivery_notes).forEach((note) => { html += `<p class="muted">${escape(note)}</p>`; });
    showFeedback(message.message, html);
  }

  function renderExpression(reading) {
    if (reading.dark) { $("expression").textContent = "Too dark to find a face"; return; }
    if (!reading.face) { $("expression").textContent = "No face turned to the camera"; return; }
    const parts = ["Face visible", reading.looking_at_camera ? "looking at the camera" : "looking away"];
    if (reading.faces > 1) parts.push(`${reading.faces} faces in the picture`);
    if (reading.dominant) parts.push(`face read as ${reading.dominant}`);
    $("expression").textContent = parts.join(" · ");
  }

  function showFeedback(message, html) {
    $("feedback").hidden = false;
    $("feedback-message").textContent = message;
    $("feedback-details").innerHTML = html;
  }

  function finish(message) {
    clearInterval(clockTimer);
    clearInterval(frameTimer);
    if (recorder && recorder.state === "recording") recorder.stop();
    $("record").disabled = $("send-typed").disabled = true;
    const link = `<p><a class="button" href="${message.report_url}">See your feedback</a></p>`;
    showFeedback(message.message, link);
    socket.close();
  }

  // --- The question's voice ---------------------------------------------------------------------
  function playQuestion() {
    const audio = $("question-audio");
    if (!state.question.speech_url) return;
    audio.src = state.question.speech_url;
    audio.play().catch(() => { $("replay").textContent = "Play the question"; });
  }
  $("replay").addEventListener("click", () => { if (state && state.question) playQuestion(); });

  // --- Clocks ------------------------------------------------------------------------------------
  function startClocks() {
    clearInterval(clockTimer);
    renderClocks();
    clockTimer = setInterval(() => {
      if (!state || state.paused) return;
      state.remaining_seconds = Math.max(0, state.remaining_seconds - 1);
      if (state.question_seconds_left !== null) state.question_seconds_left = Math.max(0, state.question_seconds_left - 1);
      renderClocks();
      if (state.question_seconds_left === 0 && recordingFor) stopRecorder(true);
      if (state.remaining_seconds === 0) timeUp();
    }, 1000);
  }

  function renderClocks() {
    $("total-clock").textContent = clock(state.remaining_seconds);
    $("question-clock").textContent = state.question_seconds_left === null ? "--:--" : clock(state.question_seconds_left);
  }

  function timeUp() {
    clearInterval(clockTimer);
    if (recordingFor) stopRecorder(true); // the answer in progress is graded, then the interview ends
    else socket.send({ type: "finish" });
  }

  // --- Camera and microphone ---------------------------------------------------------------------
  async function openDevices() {
    const tries = CAMERA === "off" ? [{ audio: true, video: false }] : [{ audio: true, video: true }, { audio: true, video: false }];
    for (const constraints of tries) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        media = { stream, video: constraints.video };
        break;
      } catch (error) { /* try with less */ }
    }
    if (!media) {
      $("recording-state").textContent = "No microphone available: type your answers below.";
      $("expression").textContent = "Camera off";
      return;
    }
    if (media.video) {
      $("camera").srcObject = media.stream;
      $("camera").dataset.live = "";
      if (CAMERA === "analysed") {
        $("expression").textContent = "Camera on: the first reading follows in a moment.";
        frameTimer = setInterval(sendFrame, FRAME_EVERY_MS);
      } else {
        $("expression").textContent = "Camera recorded only: nothing is measured in the video.";
      }
    } else if (CAMERA === "off") {
      $("expression").textContent = "Camera off for this interview (your choice): audio only.";
    } else {
      $("expression").textContent = "Camera off: audio only. Presence isn't measured.";
    }
    if (state) renderState(state);
  }

  function sendFrame() {
    const video = $("camera");
    if (!video.videoWidth || !socket.isOpen()) return;
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = Math.round((320 * video.videoHeight) / video.videoWidth);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    socket.send({ type: "frame", image: canvas.toDataURL("image/jpeg", 0.7) });
  }

  // --- Recording an answer -----------------------------------------------------------------------
  $("record").addEventListener("click", () => (recordingFor ? stopRecorder(true) : startRecorder()));

  function startRecorder() {
    if (!state || !state.question || !media) return;
    const types = media.video ? ["video/webm;codecs=vp8,opus", "video/webm"] : ["audio/webm;codecs=opus", "audio/webm"];
    const mimeType = types.find((type) => MediaRecorder.isTypeSupported(type)) || "";
    recorder = new MediaRecorder(media.stream, mimeType ? { mimeType } : {});
    recordingFor = { question: state.question.id, attempt: state.attempt };
    socket.send({ type: "answer_start", ...recordingFor, mime: recorder.mimeType || mimeType });
    recorder.ondataavailable = (event) => {
      if (event.data.size) socket.send(event.data);
    };
    recorder.start(CHUNK_MS);
    $("record").textContent = "Stop answering";
    $("record").classList.add("recording");
    $("recording-state").textContent = "Recording…";
    $("transcript").textContent = "";
  }

  function stopRecorder(submit) {
    const about = recordingFor;
    recordingFor = null;
    $("record").textContent = "Start answering";
    $("record").classList.remove("recording");
    $("recording-state").textContent = submit ? "Grading your answer…" : "";
    if (!recorder) return;
    recorder.onstop = () => { if (submit) socket.send({ type: "answer_end", ...about }); };
    recorder.stop();
  }

  // --- Typed answers and the room's buttons -------------------------------------------------------
  $("typed-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("typed").value.trim();
    if (!text || !state || !state.question) return;
    socket.send({ type: "typed_answer", question: state.question.id, attempt: state.attempt, text });
    lastTyped = text;
    $("typed").value = "";
    showFeedback("Grading your answer…", "");
  });
  $("pause").addEventListener("click", () => socket.send({ type: state && state.paused ? "resume" : "pause" }));
  $("finish").addEventListener("click", () => {
    if (confirm("Finish the interview now? Questions not yet asked will be skipped.")) socket.send({ type: "finish" });
  });

  function clock(seconds) {
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }
  function label(verdict) {
    return { correct: "Correct", partial: "Partly correct", incorrect: "Not yet correct" }[verdict] || verdict;
  }
  function escape(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  openDevices();
})();
