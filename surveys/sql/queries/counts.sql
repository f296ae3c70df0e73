SELECT (SELECT count(*) FROM uploads) AS uploads,
       (SELECT count(*) FROM submissions) AS submissions,
       (SELECT count(*) FROM buildings) AS buildings;
