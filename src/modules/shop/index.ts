export { Address } from './address.entity.js';
export { AddressService } from './address.service.js';
export { alipayNotifyRouter } from './alipay-notify.route.js';
export { CartItem } from './cart-item.entity.js';
export { CartItemFieldsResolver, CartResolver } from './cart.resolver.js';
export { CartService } from './cart.service.js';
export { Category } from './category.entity.js';
export { Favorite } from './favorite.entity.js';
export { FavoriteService } from './favorite.service.js';
export { Order, OrderLine, OrderStatus } from './order.entity.js';
export { OrderFieldsResolver, OrderLineFieldsResolver, OrderResolver } from './order.resolver.js';
export { OrderService } from './order.service.js';
export { OrderSweeper } from './order-sweeper.js';
export { PaymentRecord } from './payment-record.entity.js';
export { PaymentService } from './payment.service.js';
export { ProductCatalogService } from './product-catalog.service.js';
export { Product } from './product.entity.js';
export {
  CategoryFieldsResolver,
  ProductFieldsResolver,
  ProductResolver,
} from './product.resolver.js';
export { ShopAdminResolver } from './shop-admin.resolver.js';
export { ShopAdminService } from './shop-admin.service.js';
