import { graphql } from '../gql/index.js';

export const COURSE_FIELDS = graphql(`
  fragment CourseFields on Course {
    id
    title
    teacher
    assistant
    location
    capacity
    remaining
    professional
    weekday
    startTime
    endTime
    viewerEnrolled
    type {
      id
      name
    }
    period {
      id
      index
    }
    term {
      id
      index
    }
  }
`);

export const Courses = graphql(`
  query Courses($filter: CourseFilter, $first: Int, $after: String) {
    courses(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...CourseFields
        }
      }
    }
  }
`);

export const CourseById = graphql(`
  query CourseById($id: ID!) {
    course(id: $id) {
      ...CourseFields
    }
  }
`);

export const Terms = graphql(`
  query Terms {
    terms {
      id
      index
      startsOn
      endsOn
      selectionStartsAt
      selectionEndsAt
      isSelectionOpen
      periods {
        id
        index
        startsOn
        endsOn
        term {
          id
        }
      }
    }
    courseTypes {
      id
      name
      logo
    }
  }
`);

export const Enroll = graphql(`
  mutation Enroll($courseId: ID!) {
    enroll(courseId: $courseId) {
      id
      createdAt
      course {
        id
        remaining
        viewerEnrolled
      }
      student {
        id
        username
      }
    }
  }
`);

export const DropCourse = graphql(`
  mutation DropCourse($courseId: ID!) {
    dropCourse(courseId: $courseId) {
      courseId
      remaining
      capacity
    }
  }
`);

export const MyEnrollments = graphql(`
  query MyEnrollments {
    myEnrollments {
      id
      course {
        id
        title
      }
    }
  }
`);

export const AdminEnrollments = graphql(`
  query AdminEnrollments($courseId: ID, $termId: ID, $first: Int, $after: String) {
    enrollments(courseId: $courseId, termId: $termId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          course {
            id
          }
          student {
            id
            username
          }
        }
      }
    }
  }
`);

export const CreateCourseType = graphql(`
  mutation CreateCourseType($input: CourseTypeInput!) {
    createCourseType(input: $input) {
      id
      name
      logo
    }
  }
`);

export const CreateTerm = graphql(`
  mutation CreateTerm($input: TermInput!) {
    createTerm(input: $input) {
      id
      index
      startsOn
      endsOn
      isSelectionOpen
    }
  }
`);

export const CreatePeriod = graphql(`
  mutation CreatePeriod($input: PeriodInput!) {
    createPeriod(input: $input) {
      id
      index
      term {
        id
      }
    }
  }
`);

export const CreateCourse = graphql(`
  mutation CreateCourse($input: CourseInput!) {
    createCourse(input: $input) {
      ...CourseFields
    }
  }
`);

export const UpdateCourse = graphql(`
  mutation UpdateCourse($id: ID!, $input: UpdateCourseInput!) {
    updateCourse(id: $id, input: $input) {
      ...CourseFields
    }
  }
`);

export const CourseStockChanged = graphql(`
  subscription CourseStockChanged($courseIds: [ID!]) {
    courseStockChanged(courseIds: $courseIds) {
      courseId
      remaining
      capacity
    }
  }
`);

export const MeTerm = graphql(`
  query MeTerm {
    me {
      id
      term {
        id
        index
      }
    }
  }
`);
