"""Reports of finished interviews: the page, charts, the PDF, the report email, stored scores
and the progress dashboard across attempts."""
