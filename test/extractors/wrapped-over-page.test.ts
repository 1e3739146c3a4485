/**
 * A class name wrapped over a page break, its rest printed where the next page's layout puts it (three columns
 * further left): 江苏省人大常委会办公厅's 2017 收支预算总表 (js-ac3cc788, lines 139–261, runs of blank lines
 * shortened), as pdftotext prints it. Expected values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const SUMMARY = `江苏省人大常委会办公厅 2017 年部门预算
              2017 年度部门预算表
\f                               收支预算总表
      部门：        江苏省人大常委会办公厅                                   单位：万元

            收入                                    支出

                                   功能分类                     支出用途
     项目名
                 金额           功能科目名
     称                                    金额        项目名称           金额
                               称

  一、财政                   一、一般公共服务
             13,649.07                10,528.33   一、基本支出       7,666.68
拨款                       支出

 1. 一 般 公
             13,649.07   二、外交支出                   二、项目支出       5,853.96
共预算

 2. 政 府 性                                         三、单位预留机
                         三、国防支出                                    128.43
基金预算                                              动经费

二、财政专户
                         四、公共安全支出
管理资金

三、其他资金                   五、教育支出

                         六、科学技术支出

                         七、文化体育与传

                         媒支出

                         八、社会保障和就     1,608.51
\f                      业支出

                      九、医疗卫生与计

                      划生育支出

                      十、节能环保支出

                      十一、城乡社区支

                      出

                      十二、农林水支出

                      十三、交通运输支

                      出

                      十四、资源勘探信

                      息等支出

                      十五、商业服务业

                      等支出

                      十六、金融支出

                      十七、国土海洋气

                      象等支出

                      十八、住房保障支
                                  1,512.23
                      出

                      十九、粮油物资储

                      备支出

                      二十、其他支出

当 年 收 入   13,649.07              当年支出小计      13,649.07
\f小计

     上年结
                                         结转下年资金
 转资金

     收入合
                 13,649.07                支出合计         13,649.07
     计
`

describe('the rest of a class name on the next page', () => {
  const doc = processDocument('wrapped-over-page.layout.txt', new TextEncoder().encode(SUMMARY))
  const expenditure = (code: string) =>
    doc.facts.filter((fact) => fact.table_id === 'income_expenditure_summary' && fact.side === 'expenditure' && fact.subject_code === code).map((fact) => fact.value_raw)

  it('joins its row: 八、社会保障和就 / 业支出 1,608.51 is 208', () => {
    expect(expenditure('208')).toEqual(['1,608.51'])
    expect(expenditure('201')).toEqual(['10,528.33'])
    expect(expenditure('221')).toEqual(['1,512.23'])
  })

  it('adds up: 支出合计 13,649.07 = 10,528.33 + 1,608.51 + 1,512.23', () => {
    const balance = doc.checks.filter((check) => check.rule === 'balance-identity' && check.severity === 'error')
    expect(balance.map((check) => check.message)).toEqual([])
  })
})
