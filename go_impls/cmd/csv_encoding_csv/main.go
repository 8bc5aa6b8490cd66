// Command csv_encoding_csv is the `encoding_csv` variant of the csv
// workload: the standard library's reader, the Go baseline.
package main

import (
	"xlbench/internal/csvwork"
	"xlbench/internal/driver"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "encoding_csv",
		Library:        "encoding/csv",
		LibraryVersion: driver.ModuleVersion(""),
		Backend:        "encoding/csv ReuseRecord LazyQuotes",
		Setup:          csvwork.Setup(csvwork.EncodingCSV),
	})
}
