"""The interview: the question bank, planning, the room (websocket), transcription, grading,
recordings, camera choices and the staff access log. The engine (interviewer/engine/) is plain
Python, free of Django, that any app may use."""
