"""Résumés: plain Python with no Django in it.

extract    text out of an uploaded PDF or DOCX, refusing what isn't safe or readable
profile    text → structured profile (contact, summary, skills, jobs, schools, projects, certificates)
skills     the skills vocabulary (skills.yaml): one name per skill, and the bank domains it points to
readiness  an applicant-tracking-style score with its parts, a tip for every lost point
questions  interview questions about the candidate's own projects, jobs and skills
"""
