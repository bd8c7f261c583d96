-- orders_minute, copied into orders_by_minute by 0018 and fed no more: nothing reads it.
DROP TABLE IF EXISTS orders_minute;
