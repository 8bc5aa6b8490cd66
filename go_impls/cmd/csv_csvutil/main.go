// Command csv_csvutil is the typed `csvutil` variant of the csv workload:
// encoding/csv records decoded into a struct per schema by jszwec/csvutil.
package main

import (
	"xlbench/internal/csvwork"
	"xlbench/internal/driver"
)

func main() {
	driver.Main(driver.Variant{
		Name:           "csvutil",
		Library:        "jszwec/csvutil",
		LibraryVersion: driver.ModuleVersion("github.com/jszwec/csvutil"),
		Backend:        "csvutil.Decoder over encoding/csv ReuseRecord LazyQuotes",
		Setup:          csvwork.Setup(csvwork.CSVUtil),
	})
}
