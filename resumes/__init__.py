"""Résumés: uploads and pasted text, reading them into the candidate's profile (the parser is
interviewer/engine/resume/, plain Python), the profile editor, its CSV and the readiness check."""
