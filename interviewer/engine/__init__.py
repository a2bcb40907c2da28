"""The interview engine: plain Python with no Django in it, so the websocket consumer, Celery
tasks and management commands all call the same functions. It reads no environment variable:
its configuration is handed to it (config).

bank           question-bank fixtures: reading and validating them
planning       which questions an interview asks, in which order
followups      follow-up questions built from what the candidate said
similarity     sentence embeddings and the calibrated content score
grading        one answer: content score, key points, relevance, STAR, specificity, verdict
turns          the hint / retry / reveal flow and "finish interview"
feedback       session strengths, weaknesses and improvements, each with its evidence
agreement      the grader against human grades (grader_check)
transcription  Whisper, whole recordings and recordings still growing
delivery       pace, fillers, pauses, pitch and loudness of a spoken answer
voice          questions spoken aloud (Piper, gTTS, none)
presence       face, an estimate of looking at the camera and, when asked, the expression read
gaze           looking at the camera from the irises and the head (MediaPipe landmarks)
config         where the caches and models are, threads: the configuration handed in
loading        the bundled models, loaded once per process
warmup         loading them before the first candidate needs them
"""
