module example.com/logscan

go 1.26.8
