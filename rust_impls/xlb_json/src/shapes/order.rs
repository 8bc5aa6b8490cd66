//! Schemas `order` (the `small` input) and `orders` (the `large` input).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{n, to_map, TypedDoc};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Order {
    pub id: i64,
    pub status: String,
    pub created_at: String,
    pub customer: Customer,
    pub items: Vec<Item>,
    pub total_cents: i64,
    pub currency: String,
    pub notes: Option<String>,
    pub metadata: Metadata,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub vip: bool,
    pub address: Address,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub zip: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Item {
    pub sku: String,
    pub name: String,
    pub qty: i64,
    pub price_cents: i64,
    pub tags: Vec<String>,
    pub discount: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Metadata {
    pub source: String,
    pub score: f64,
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Orders {
    pub orders: Vec<Order>,
    pub next_cursor: Option<String>,
    pub total: i64,
}

/// The per-order aggregates shared by both schemas.
#[derive(Default)]
struct OrderSums {
    items: i64,
    qty: i64,
    price_cents: i64,
    tags: i64,
    discounts: i64,
    name_bytes: i64,
    total_cents: i64,
    notes: i64,
}

impl OrderSums {
    fn add(&mut self, order: &Order) {
        self.items += n(order.items.len());
        for item in &order.items {
            self.qty = self.qty.wrapping_add(item.qty);
            self.price_cents = self.price_cents.wrapping_add(item.price_cents);
            self.tags += n(item.tags.len());
            self.discounts += i64::from(item.discount.is_some());
        }
        self.name_bytes += n(order.customer.name.len());
        self.total_cents = self.total_cents.wrapping_add(order.total_cents);
        self.notes += i64::from(order.notes.is_some());
    }

    fn pairs(&self) -> [(&'static str, i64); 8] {
        [
            ("items", self.items),
            ("qty", self.qty),
            ("price_cents", self.price_cents),
            ("tags", self.tags),
            ("discounts", self.discounts),
            ("name_bytes", self.name_bytes),
            ("total_cents", self.total_cents),
            ("notes", self.notes),
        ]
    }
}

impl TypedDoc for Order {
    fn checksum(&self) -> BTreeMap<String, i64> {
        let mut sums = OrderSums::default();
        sums.add(self);
        to_map(sums.pairs())
    }
}

impl TypedDoc for Orders {
    fn checksum(&self) -> BTreeMap<String, i64> {
        let mut sums = OrderSums::default();
        for order in &self.orders {
            sums.add(order);
        }
        let mut map = to_map(sums.pairs());
        map.insert("orders".to_string(), n(self.orders.len()));
        map.insert("total".to_string(), self.total);
        map
    }
}
