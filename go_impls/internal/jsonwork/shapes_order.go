package jsonwork

// Typed shapes from workloads/json/README.md ("Typed shapes"). The Rust side
// declares the same fields; nullable values are pointers here.

// Order is the root of the `small` input and an element of Orders.Orders.
type Order struct {
	ID         int64    `json:"id"`
	Status     string   `json:"status"`
	CreatedAt  string   `json:"created_at"`
	Customer   Customer `json:"customer"`
	Items      []Item   `json:"items"`
	TotalCents int64    `json:"total_cents"`
	Currency   string   `json:"currency"`
	Notes      *string  `json:"notes"`
	Metadata   Metadata `json:"metadata"`
}

type Customer struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Email   string  `json:"email"`
	VIP     bool    `json:"vip"`
	Address Address `json:"address"`
}

type Address struct {
	Street  string `json:"street"`
	City    string `json:"city"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
}

type Item struct {
	SKU        string   `json:"sku"`
	Name       string   `json:"name"`
	Qty        int64    `json:"qty"`
	PriceCents int64    `json:"price_cents"`
	Tags       []string `json:"tags"`
	Discount   *float64 `json:"discount"`
}

type Metadata struct {
	Source string   `json:"source"`
	Score  float64  `json:"score"`
	Flags  []string `json:"flags"`
}

// Orders is the root of the `large` input.
type Orders struct {
	Orders     []Order `json:"orders"`
	NextCursor *string `json:"next_cursor"`
	Total      int64   `json:"total"`
}
