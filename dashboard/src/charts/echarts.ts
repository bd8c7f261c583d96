// ECharts, registered part by part (https://echarts.apache.org/handbook/en/basics/import#shrinking-bundle-size):
// only the charts and components the dashboard draws reach the bundle. A view that needs another part
// (a tooltip, a bar chart) registers it here, once. echarts-wordcloud registers itself on import and brings
// the canvas renderer with it, so the canvas renderer is the one used everywhere.
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components'
import { getInstanceByDom, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import 'echarts-wordcloud'

use([BarChart, HeatmapChart, LineChart, PieChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer])

export { getInstanceByDom, init }
export type { ECharts, EChartsCoreOption } from 'echarts/core'
