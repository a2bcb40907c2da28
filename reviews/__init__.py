"""Rubrics, staff reviews of an interview (a rating per criterion, comments at moments of the
recordings) and the email telling the student a review arrived."""
