export { CatalogService } from './catalog.service.js';
export { CourseAdminResolver } from './course-admin.resolver.js';
export { CourseAdminService } from './course-admin.service.js';
export { CourseStockService, COURSE_STOCK_TOPIC } from './course-stock.service.js';
export { CourseTerms } from './course-terms.js';
export { CourseType } from './course-type.entity.js';
export { Course } from './course.entity.js';
export {
  CourseFieldsResolver,
  CourseResolver,
  PeriodFieldsResolver,
  TermFieldsResolver,
  UserTermResolver,
} from './course.resolver.js';
export { Enrollment } from './enrollment.entity.js';
export { enrollmentExportRouter } from './enrollment-export.route.js';
export { EnrollmentFieldsResolver, EnrollmentResolver } from './enrollment.resolver.js';
export { EnrollmentService } from './enrollment.service.js';
export { Period } from './period.entity.js';
export { Term } from './term.entity.js';
