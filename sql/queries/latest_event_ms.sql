-- When the newest stored event happened (0 when there is none); the simulator resumes from here.
SELECT toUnixTimestamp64Milli(max(ts)) AS ms FROM events
