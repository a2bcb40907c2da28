"""Question sets chosen or written by career-centre staff, and assignments that give one to a
cohort with a due date and rules; starting an assignment's interview (interviewer.services asks it)."""
