package csvwork

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/jszwec/csvutil"
)

// The typed rows of the `csvutil` variant, one per schema of
// workloads/csv/README.md. Every field is a string: the int columns must be
// raw text so that empty or odd values are skipped by ParseInt exactly as in
// the untyped variant, and the other columns are carried as text too (no
// per-field conversion the untyped variant does not do). Strings cost no copy:
// csvutil assigns substrings of encoding/csv's record.

// NFLPlay is a row of the nfl schema.
type NFLPlay struct {
	GameID      string `csv:"gameid"`
	Qtr         string `csv:"qtr"`
	Min         string `csv:"min"`
	Sec         string `csv:"sec"`
	Off         string `csv:"off"`
	Def         string `csv:"def"`
	Down        string `csv:"down"`
	ToGo        string `csv:"togo"`
	YdLine      string `csv:"ydline"`
	Description string `csv:"description"`
	OffScore    string `csv:"offscore"`
	DefScore    string `csv:"defscore"`
	Season      string `csv:"season"`
}

func (r *NFLPlay) addTo(res *Result) {
	g := res.Add(r.Off)
	g.Value(0, r.YdLine)
	g.Value(1, r.ToGo)
	g.Value(2, r.OffScore)
	g.Value(3, r.DefScore)
}

// Sale is a row of the sales schema.
type Sale struct {
	OrderID     string `csv:"order_id"`
	Store       string `csv:"store"`
	Customer    string `csv:"customer"`
	Product     string `csv:"product"`
	Quantity    string `csv:"quantity"`
	PriceCents  string `csv:"price_cents"`
	DiscountPct string `csv:"discount_pct"`
	Comment     string `csv:"comment"`
	CreatedAt   string `csv:"created_at"`
}

func (r *Sale) addTo(res *Result) {
	g := res.Add(r.Store)
	g.Value(0, r.Quantity)
	g.Value(1, r.PriceCents)
	g.Value(2, r.DiscountPct)
}

// typedSchema names the columns a row's addTo aggregates, in its order
// (tests check the names against the struct tags).
type typedSchema struct {
	key   string
	ints  []string
	parse func(input []byte) (*Result, error)
}

var typedSchemas = map[string]typedSchema{
	"nfl":   typed[NFLPlay]("off", "ydline", "togo", "offscore", "defscore"),
	"sales": typed[Sale]("store", "quantity", "price_cents", "discount_pct"),
}

// row is a pointer to a typed row that aggregates itself.
type row[T any] interface {
	*T
	addTo(*Result)
}

func typed[T any, P row[T]](key string, ints ...string) typedSchema {
	return typedSchema{key, ints, func(input []byte) (*Result, error) {
		return decodeAll[T, P](input, len(ints))
	}}
}

// CSVUtil is the typed `csvutil` variant. It knows only the schemas above,
// and the request's key and int columns must be the ones its row aggregates.
func CSVUtil(schema string, p Params) (Parse, error) {
	s, ok := typedSchemas[schema]
	if !ok {
		return nil, fmt.Errorf("schema %q: the typed variant knows only nfl and sales", schema)
	}
	if p.Key != s.key || !slices.Equal(p.IntColumns, s.ints) {
		return nil, fmt.Errorf("schema %q aggregates key %q, int columns %q; params ask for key %q, int columns %q",
			schema, s.key, s.ints, p.Key, p.IntColumns)
	}
	return s.parse, nil
}

// decodeAll decodes every record into one reused row. csvutil reads the
// record, then returns the unwrapped sentinel ErrFieldCount when its length
// differs from the header's: that record is consumed, so the loop counts it
// and goes on with the next.
func decodeAll[T any, P row[T]](input []byte, nInts int) (*Result, error) {
	dec, err := csvutil.NewDecoder(NewReader(input))
	if err == io.EOF {
		return nil, errNoHeader
	}
	if err != nil {
		return nil, err
	}
	dec.DisallowMissingColumns = true // every struct column must be in the header
	var row T
	res := NewResult(nInts)
	for {
		err := dec.Decode(&row)
		if err == io.EOF {
			return res, nil
		}
		if errors.Is(err, csvutil.ErrFieldCount) {
			res.BadRows++
			continue
		}
		if err != nil {
			return nil, err
		}
		P(&row).addTo(res)
	}
}
