"""Users, roles (candidate, career-centre staff) and cohorts: creating, joining and leaving them,
and deleting an account. The bottom of the app graph: it imports no feature app."""
