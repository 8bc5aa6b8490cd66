package jsonwork

// Typed checksums: the aggregates of workload.json "checksum.typed.schemas",
// computed from the structs. count = non-null values reached (a pointer that
// is set, an element that exists), sum = int64 sum (Go wraps on overflow,
// as the workload asks), bytes = len of the UTF-8 string.

func countPtr[T any](p *T) int64 {
	if p != nil {
		return 1
	}
	return 0
}

// orderSums holds the per-order aggregates shared by `order` and `orders`.
type orderSums struct {
	items, qty, priceCents, tags, discounts, nameBytes, totalCents, notes int64
}

func (s *orderSums) add(o *Order) {
	s.items += int64(len(o.Items))
	for i := range o.Items {
		it := &o.Items[i]
		s.qty += it.Qty
		s.priceCents += it.PriceCents
		s.tags += int64(len(it.Tags))
		s.discounts += countPtr(it.Discount)
	}
	s.nameBytes += int64(len(o.Customer.Name))
	s.totalCents += o.TotalCents
	s.notes += countPtr(o.Notes)
}

func (s *orderSums) into(m map[string]int64) map[string]int64 {
	m["items"] = s.items
	m["qty"] = s.qty
	m["price_cents"] = s.priceCents
	m["tags"] = s.tags
	m["discounts"] = s.discounts
	m["name_bytes"] = s.nameBytes
	m["total_cents"] = s.totalCents
	m["notes"] = s.notes
	return m
}

// OrderChecksum is the `order` schema checksum.
func OrderChecksum(o *Order) map[string]int64 {
	var s orderSums
	s.add(o)
	return s.into(map[string]int64{})
}

// OrdersChecksum is the `orders` schema checksum.
func OrdersChecksum(o *Orders) map[string]int64 {
	var s orderSums
	for i := range o.Orders {
		s.add(&o.Orders[i])
	}
	return s.into(map[string]int64{
		"orders": int64(len(o.Orders)),
		"total":  o.Total,
	})
}

// TwitterChecksum is the `twitter` schema checksum. Paths start at the
// top-level statuses only; retweeted_status bodies are not descended into.
func TwitterChecksum(t *Twitter) map[string]int64 {
	m := map[string]int64{
		"statuses":     int64(len(t.Statuses)),
		"search_count": t.SearchMetadata.Count,
	}
	var textBytes, followers, hashtags, mentions, urls, retweets, replies, rts, screenBytes int64
	for i := range t.Statuses {
		s := &t.Statuses[i]
		textBytes += int64(len(s.Text))
		followers += s.User.FollowersCount
		hashtags += int64(len(s.Entities.Hashtags))
		mentions += int64(len(s.Entities.UserMentions))
		urls += int64(len(s.Entities.URLs))
		retweets += s.RetweetCount
		replies += countPtr(s.InReplyToStatusID)
		rts += countPtr(s.RetweetedStatus)
		screenBytes += int64(len(s.User.ScreenName))
	}
	m["text_bytes"] = textBytes
	m["followers"] = followers
	m["hashtags"] = hashtags
	m["mentions"] = mentions
	m["urls"] = urls
	m["retweets"] = retweets
	m["replies"] = replies
	m["retweeted_statuses"] = rts
	m["screen_name_bytes"] = screenBytes
	return m
}

// CitmChecksum is the `citm` schema checksum.
func CitmChecksum(c *Citm) map[string]int64 {
	var nameBytes, topicIDs int64
	for _, e := range c.Events {
		nameBytes += int64(len(e.Name))
		topicIDs += int64(len(e.TopicIDs))
	}
	var prices, amount, areas, start int64
	for i := range c.Performances {
		p := &c.Performances[i]
		prices += int64(len(p.Prices))
		for _, pr := range p.Prices {
			amount += pr.Amount
		}
		for _, sc := range p.SeatCategories {
			areas += int64(len(sc.Areas))
		}
		start += p.Start
	}
	var subTopics int64
	for _, ids := range c.TopicSubTopics {
		subTopics += int64(len(ids))
	}
	return map[string]int64{
		"events":           int64(len(c.Events)),
		"event_name_bytes": nameBytes,
		"topic_ids":        topicIDs,
		"performances":     int64(len(c.Performances)),
		"prices":           prices,
		"price_amount":     amount,
		"areas":            areas,
		"start_sum":        start,
		"area_names":       int64(len(c.AreaNames)),
		"topic_sub_topics": subTopics,
	}
}
